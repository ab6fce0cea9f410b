-- Finding the anchors an edit may move: by start or end paragraph, and the few that span
-- paragraphs (a partial index; queries repeat its condition to use it).
CREATE INDEX "Annotation_startPid_idx" ON "Annotation"("startPid");
CREATE INDEX "Annotation_endPid_idx" ON "Annotation"("endPid");
CREATE INDEX "Annotation_documentId_spanning_idx" ON "Annotation"("documentId") WHERE "startPid" <> "endPid";

-- An anchor carried through an edit rewrites its columns; the search entry is rebuilt only when
-- what it holds (the note, deletion, the paragraph it starts in) really changed.
DROP TRIGGER "Annotation_search" ON "Annotation";
CREATE TRIGGER "Annotation_search" AFTER INSERT OR DELETE ON "Annotation" FOR EACH ROW EXECUTE FUNCTION "scholia_search_annotation"();
CREATE TRIGGER "Annotation_search_update" AFTER UPDATE OF "body", "deletedAt", "startPid" ON "Annotation" FOR EACH ROW
  WHEN (OLD."body" IS DISTINCT FROM NEW."body" OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt" OR OLD."startPid" IS DISTINCT FROM NEW."startPid")
  EXECUTE FUNCTION "scholia_search_annotation"();
