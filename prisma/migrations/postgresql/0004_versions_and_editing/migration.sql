-- AlterTable
ALTER TABLE "DocumentVersion" DROP COLUMN "snapshot",
ADD COLUMN     "changes" TEXT NOT NULL DEFAULT '{}';
UPDATE "DocumentVersion" SET "changes" = '{"kind":"import"}' WHERE "number" = 1;

-- AlterTable
ALTER TABLE "Paragraph" ADD COLUMN     "rank" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
-- Order that survives edits: fixed-width keys with room between them (server/documents/ranks.ts).
UPDATE "Paragraph" SET "rank" = lpad((("position" + 1) * 1024 + 1)::text, 8, '0');

-- CreateTable
CREATE TABLE "ParagraphRevision" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "paragraphId" TEXT NOT NULL,
    "docVersion" INTEGER NOT NULL,
    "paragraphVersion" INTEGER NOT NULL,
    "rank" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "level" INTEGER,
    "role" TEXT,
    "depth" INTEGER,
    "ordered" BOOLEAN,
    "marks" TEXT,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParagraphRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnchorRevision" (
    "annotationId" TEXT NOT NULL,
    "docVersion" INTEGER NOT NULL,
    "startPid" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endPid" TEXT NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "anchorState" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AnchorRevision_pkey" PRIMARY KEY ("annotationId","docVersion")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "annotationId" TEXT NOT NULL,
    "replacement" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "appliedVersion" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("annotationId")
);

-- CreateIndex
CREATE INDEX "ParagraphRevision_documentId_docVersion_idx" ON "ParagraphRevision"("documentId", "docVersion");

-- CreateIndex
CREATE UNIQUE INDEX "ParagraphRevision_paragraphId_docVersion_key" ON "ParagraphRevision"("paragraphId", "docVersion");

-- AddForeignKey
ALTER TABLE "ParagraphRevision" ADD CONSTRAINT "ParagraphRevision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnchorRevision" ADD CONSTRAINT "AnchorRevision_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

