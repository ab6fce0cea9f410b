-- Finding the anchors an edit may move: by start or end paragraph, and the few that span
-- paragraphs (a partial index; queries repeat its condition to use it).
CREATE INDEX "Annotation_startPid_idx" ON "Annotation"("startPid");
CREATE INDEX "Annotation_endPid_idx" ON "Annotation"("endPid");
CREATE INDEX "Annotation_documentId_spanning_idx" ON "Annotation"("documentId") WHERE "startPid" <> "endPid";

-- An anchor carried through an edit rewrites its columns; the search entry is rebuilt only when
-- what it holds (the note, deletion, the paragraph it starts in) really changed.
DROP TRIGGER "Annotation_search_au";
CREATE TRIGGER "Annotation_search_au" AFTER UPDATE OF "body", "deletedAt", "startPid" ON "Annotation"
WHEN OLD."body" IS NOT NEW."body" OR OLD."deletedAt" IS NOT NEW."deletedAt" OR OLD."startPid" IS NOT NEW."startPid" BEGIN
  DELETE FROM "SearchDoc" WHERE "kind" = 'annotation' AND "entityId" = NEW."id";
  INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'annotation', NEW."id", d."workspaceId", NEW."documentId", NEW."startPid", NEW."id", NEW."authorId", (CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END)
  FROM "Document" d WHERE d."id" = NEW."documentId" AND NEW."deletedAt" IS NULL AND coalesce((CASE WHEN json_valid(NEW."body") THEN json_extract(NEW."body", '$.text') END), '') <> '';
END;
