-- CreateTable
CREATE TABLE "ParagraphRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParagraphRevision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "confidence" REAL NOT NULL,

    PRIMARY KEY ("annotationId", "docVersion"),
    CONSTRAINT "AnchorRevision_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "annotationId" TEXT NOT NULL PRIMARY KEY,
    "replacement" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "appliedVersion" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Suggestion_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Columns are added in place: rebuilding "Paragraph" would drop its search triggers.
ALTER TABLE "Paragraph" ADD COLUMN "rank" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Paragraph" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
-- Order that survives edits: fixed-width keys with room between them (server/documents/ranks.ts).
UPDATE "Paragraph" SET "rank" = printf('%08d', ("position" + 1) * 1024 + 1);

ALTER TABLE "DocumentVersion" ADD COLUMN "changes" TEXT NOT NULL DEFAULT '{}';
UPDATE "DocumentVersion" SET "changes" = '{"kind":"import"}' WHERE "number" = 1;
ALTER TABLE "DocumentVersion" DROP COLUMN "snapshot";

CREATE INDEX "ParagraphRevision_documentId_docVersion_idx" ON "ParagraphRevision"("documentId", "docVersion");
CREATE UNIQUE INDEX "ParagraphRevision_paragraphId_docVersion_key" ON "ParagraphRevision"("paragraphId", "docVersion");
