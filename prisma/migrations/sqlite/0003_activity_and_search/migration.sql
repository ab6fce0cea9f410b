-- Activity and audit: a per-workspace event log, and each document event's workspace.
ALTER TABLE "Workspace" ADD COLUMN "lastSeq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "DocumentEvent" ADD COLUMN "workspaceId" TEXT NOT NULL DEFAULT '';
UPDATE "DocumentEvent" SET "workspaceId" = (SELECT "workspaceId" FROM "Document" WHERE "Document"."id" = "DocumentEvent"."documentId");
CREATE INDEX "DocumentEvent_workspaceId_createdAt_idx" ON "DocumentEvent"("workspaceId", "createdAt");

-- Each event's annotation (its changes, replies and review), for an annotation's history.
ALTER TABLE "DocumentEvent" ADD COLUMN "annotationId" TEXT;
UPDATE "DocumentEvent" SET "annotationId" = CASE
  WHEN "type" LIKE 'annotation.%' THEN (CASE WHEN json_valid("payload") THEN json_extract("payload", '$.annotation.id') END)
  WHEN "type" LIKE 'reply.%' THEN (CASE WHEN json_valid("payload") THEN json_extract("payload", '$.reply.annotationId') END)
  WHEN "type" LIKE 'claim.%' THEN (CASE WHEN json_valid("payload") THEN json_extract("payload", '$.annotationId') END)
END;
CREATE INDEX "DocumentEvent_annotationId_seq_idx" ON "DocumentEvent"("annotationId", "seq");

-- When an annotation's note, kind or tags were last edited.
ALTER TABLE "Annotation" ADD COLUMN "editedAt" DATETIME;

CREATE TABLE "WorkspaceEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "actorId" TEXT,
    "clientMutationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkspaceEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkspaceEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WorkspaceEvent_workspaceId_seq_key" ON "WorkspaceEvent"("workspaceId", "seq");
CREATE INDEX "WorkspaceEvent_workspaceId_createdAt_idx" ON "WorkspaceEvent"("workspaceId", "createdAt");
CREATE INDEX "WorkspaceEvent_documentId_createdAt_idx" ON "WorkspaceEvent"("documentId", "createdAt");

-- Workspace search. SearchDoc holds one row per searchable thing (paragraph, annotation note,
-- reply, tag) with what search filters on; SearchText is its FTS5 index (external content).
-- Triggers on the source tables keep both in step inside the transaction that writes the change.
CREATE TABLE "SearchDoc" (
    "rowid" INTEGER PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT,
    "paragraphId" TEXT,
    "annotationId" TEXT,
    "authorId" TEXT,
    "text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "SearchDoc_kind_entityId_key" ON "SearchDoc"("kind", "entityId");
CREATE INDEX "SearchDoc_workspaceId_idx" ON "SearchDoc"("workspaceId");
CREATE VIRTUAL TABLE "SearchText" USING fts5("text", content = 'SearchDoc', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER "SearchDoc_ai" AFTER INSERT ON "SearchDoc" BEGIN
  INSERT INTO "SearchText"("rowid", "text") VALUES (NEW."rowid", NEW."text");
END;
CREATE TRIGGER "SearchDoc_ad" AFTER DELETE ON "SearchDoc" BEGIN
  INSERT INTO "SearchText"("SearchText", "rowid", "text") VALUES ('delete', OLD."rowid", OLD."text");
END;
CREATE TRIGGER "SearchDoc_au" AFTER UPDATE OF "text" ON "SearchDoc" BEGIN
  INSERT INTO "SearchText"("SearchText", "rowid", "text") VALUES ('delete', OLD."rowid", OLD."text");
  INSERT INTO "SearchText"("rowid", "text") VALUES (NEW."rowid", NEW."text");
END;

CREATE TRIGGER "Paragraph_search_ai" AFTER INSERT ON "Paragraph" BEGIN
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "text")
  SELECT 'paragraph', NEW."id", d."workspaceId", NEW."documentId", NEW."id", NEW."text" FROM "Document" d WHERE d."id" = NEW."documentId";
END;
CREATE TRIGGER "Paragraph_search_au" AFTER UPDATE OF "text" ON "Paragraph" BEGIN
  UPDATE "SearchDoc" SET "text" = NEW."text" WHERE "kind" = 'paragraph' AND "entityId" = NEW."id";
END;
CREATE TRIGGER "Paragraph_search_ad" AFTER DELETE ON "Paragraph" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'paragraph' AND "entityId" = OLD."id";
END;

CREATE TRIGGER "Annotation_search_ai" AFTER INSERT ON "Annotation" WHEN NEW."deletedAt" IS NULL BEGIN
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'annotation', NEW."id", d."workspaceId", NEW."documentId", NEW."startPid", NEW."id", NEW."authorId", (CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END)
  FROM "Document" d WHERE d."id" = NEW."documentId" AND coalesce((CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END), '') <> '';
END;
CREATE TRIGGER "Annotation_search_au" AFTER UPDATE OF "body", "deletedAt", "startPid" ON "Annotation" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'annotation' AND "entityId" = NEW."id";
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'annotation', NEW."id", d."workspaceId", NEW."documentId", NEW."startPid", NEW."id", NEW."authorId", (CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END)
  FROM "Document" d WHERE d."id" = NEW."documentId" AND NEW."deletedAt" IS NULL AND coalesce((CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END), '') <> '';
END;
CREATE TRIGGER "Annotation_search_ad" AFTER DELETE ON "Annotation" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'annotation' AND "entityId" = OLD."id";
END;

CREATE TRIGGER "Reply_search_ai" AFTER INSERT ON "Reply" WHEN NEW."deletedAt" IS NULL BEGIN
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'reply', NEW."id", d."workspaceId", a."documentId", a."startPid", NEW."annotationId", NEW."authorId", (CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END)
  FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."id" = NEW."annotationId" AND coalesce((CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END), '') <> '';
END;
CREATE TRIGGER "Reply_search_au" AFTER UPDATE OF "body", "deletedAt" ON "Reply" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'reply' AND "entityId" = NEW."id";
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'reply', NEW."id", d."workspaceId", a."documentId", a."startPid", NEW."annotationId", NEW."authorId", (CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END)
  FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."id" = NEW."annotationId" AND NEW."deletedAt" IS NULL AND coalesce((CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END), '') <> '';
END;
CREATE TRIGGER "Reply_search_ad" AFTER DELETE ON "Reply" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'reply' AND "entityId" = OLD."id";
END;

CREATE TRIGGER "Tag_search_ai" AFTER INSERT ON "Tag" WHEN NEW."archivedAt" IS NULL BEGIN
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "text") VALUES ('tag', NEW."id", NEW."workspaceId", trim(NEW."name" || ' ' || NEW."description"));
END;
CREATE TRIGGER "Tag_search_au" AFTER UPDATE OF "name", "description", "archivedAt" ON "Tag" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'tag' AND "entityId" = NEW."id";
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "text")
  SELECT 'tag', NEW."id", NEW."workspaceId", trim(NEW."name" || ' ' || NEW."description") WHERE NEW."archivedAt" IS NULL;
END;
CREATE TRIGGER "Tag_search_ad" AFTER DELETE ON "Tag" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'tag' AND "entityId" = OLD."id";
END;

-- What exists already becomes searchable.
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "text")
  SELECT 'paragraph', p."id", d."workspaceId", p."documentId", p."id", p."text" FROM "Paragraph" p JOIN "Document" d ON d."id" = p."documentId";
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'annotation', a."id", d."workspaceId", a."documentId", a."startPid", a."id", a."authorId", (CASE WHEN json_valid(a."body") THEN json_extract(a."body", '$.text') END)
  FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."deletedAt" IS NULL AND coalesce((CASE WHEN json_valid(a."body") THEN json_extract(a."body", '$.text') END), '') <> '';
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'reply', r."id", d."workspaceId", a."documentId", a."startPid", r."annotationId", r."authorId", (CASE WHEN json_valid(r."body") THEN json_extract(r."body", '$.text') END)
  FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" JOIN "Document" d ON d."id" = a."documentId" WHERE r."deletedAt" IS NULL AND coalesce((CASE WHEN json_valid(r."body") THEN json_extract(r."body", '$.text') END), '') <> '';
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "text")
  SELECT 'tag', t."id", t."workspaceId", trim(t."name" || ' ' || t."description") FROM "Tag" t WHERE t."archivedAt" IS NULL;
