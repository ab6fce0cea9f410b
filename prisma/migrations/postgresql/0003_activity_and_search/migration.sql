-- A value inside stored JSON text; NULL (not an error) when the text is not JSON PostgreSQL
-- accepts, so one odd row can never block a write or this migration.
CREATE FUNCTION "scholia_json_at"(doc TEXT, path TEXT[]) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN doc::jsonb #>> path;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- Activity and audit: a per-workspace event log, and each document event's workspace.
ALTER TABLE "Workspace" ADD COLUMN "lastSeq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "DocumentEvent" ADD COLUMN "workspaceId" TEXT;
UPDATE "DocumentEvent" e SET "workspaceId" = d."workspaceId" FROM "Document" d WHERE d."id" = e."documentId";
ALTER TABLE "DocumentEvent" ALTER COLUMN "workspaceId" SET NOT NULL;
CREATE INDEX "DocumentEvent_workspaceId_createdAt_idx" ON "DocumentEvent"("workspaceId", "createdAt");

-- Each event's annotation (its changes, replies and review), for an annotation's history.
ALTER TABLE "DocumentEvent" ADD COLUMN "annotationId" TEXT;
UPDATE "DocumentEvent" SET "annotationId" = CASE
  WHEN "type" LIKE 'annotation.%' THEN "scholia_json_at"("payload", '{annotation,id}')
  WHEN "type" LIKE 'reply.%' THEN "scholia_json_at"("payload", '{reply,annotationId}')
  WHEN "type" LIKE 'claim.%' THEN "scholia_json_at"("payload", '{annotationId}')
END;
CREATE INDEX "DocumentEvent_annotationId_seq_idx" ON "DocumentEvent"("annotationId", "seq");

-- When an annotation's note, kind or tags were last edited.
ALTER TABLE "Annotation" ADD COLUMN "editedAt" TIMESTAMP(3);

CREATE TABLE "WorkspaceEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "actorId" TEXT,
    "clientMutationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkspaceEvent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WorkspaceEvent_workspaceId_seq_key" ON "WorkspaceEvent"("workspaceId", "seq");
CREATE INDEX "WorkspaceEvent_workspaceId_createdAt_idx" ON "WorkspaceEvent"("workspaceId", "createdAt");
CREATE INDEX "WorkspaceEvent_documentId_createdAt_idx" ON "WorkspaceEvent"("documentId", "createdAt");
ALTER TABLE "WorkspaceEvent" ADD CONSTRAINT "WorkspaceEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkspaceEvent" ADD CONSTRAINT "WorkspaceEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Workspace search: one row per searchable thing (paragraph, annotation note, reply, tag) with
-- what search filters on, and a generated tsvector under a GIN index. Triggers on the source
-- tables keep it in step inside the transaction that writes the change. The 'simple'
-- configuration neither stems nor drops stop words: articles come in many languages.
CREATE TABLE "SearchDoc" (
    "rowid" BIGSERIAL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT,
    "paragraphId" TEXT,
    "annotationId" TEXT,
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "text")) STORED
);
CREATE UNIQUE INDEX "SearchDoc_kind_entityId_key" ON "SearchDoc"("kind", "entityId");
CREATE INDEX "SearchDoc_workspaceId_idx" ON "SearchDoc"("workspaceId");
CREATE INDEX "SearchDoc_tsv_idx" ON "SearchDoc" USING GIN ("tsv");

CREATE FUNCTION "scholia_body_text"(body TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$ SELECT "scholia_json_at"(body, '{text}') $$;

CREATE FUNCTION "scholia_search_paragraph"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDoc" WHERE "kind" = 'paragraph' AND "entityId" = OLD."id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "text")
    SELECT 'paragraph', NEW."id", d."workspaceId", NEW."documentId", NEW."id", NEW."text" FROM "Document" d WHERE d."id" = NEW."documentId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Paragraph_search" AFTER INSERT OR DELETE OR UPDATE OF "text" ON "Paragraph" FOR EACH ROW EXECUTE FUNCTION "scholia_search_paragraph"();

CREATE FUNCTION "scholia_search_annotation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDoc" WHERE "kind" = 'annotation' AND "entityId" = OLD."id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."deletedAt" IS NULL AND coalesce("scholia_body_text"(NEW."body"), '') <> '' THEN
    INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
    SELECT 'annotation', NEW."id", d."workspaceId", NEW."documentId", NEW."startPid", NEW."id", NEW."authorId", "scholia_body_text"(NEW."body")
    FROM "Document" d WHERE d."id" = NEW."documentId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Annotation_search" AFTER INSERT OR DELETE OR UPDATE OF "body", "deletedAt", "startPid" ON "Annotation" FOR EACH ROW EXECUTE FUNCTION "scholia_search_annotation"();

CREATE FUNCTION "scholia_search_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDoc" WHERE "kind" = 'reply' AND "entityId" = OLD."id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."deletedAt" IS NULL AND coalesce("scholia_body_text"(NEW."body"), '') <> '' THEN
    INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
    SELECT 'reply', NEW."id", d."workspaceId", a."documentId", a."startPid", NEW."annotationId", NEW."authorId", "scholia_body_text"(NEW."body")
    FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."id" = NEW."annotationId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Reply_search" AFTER INSERT OR DELETE OR UPDATE OF "body", "deletedAt" ON "Reply" FOR EACH ROW EXECUTE FUNCTION "scholia_search_reply"();

CREATE FUNCTION "scholia_search_tag"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "SearchDoc" WHERE "kind" = 'tag' AND "entityId" = OLD."id";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."archivedAt" IS NULL THEN
    INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "text") VALUES ('tag', NEW."id", NEW."workspaceId", trim(NEW."name" || ' ' || NEW."description"));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Tag_search" AFTER INSERT OR DELETE OR UPDATE OF "name", "description", "archivedAt" ON "Tag" FOR EACH ROW EXECUTE FUNCTION "scholia_search_tag"();

-- What exists already becomes searchable.
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "text")
  SELECT 'paragraph', p."id", d."workspaceId", p."documentId", p."id", p."text" FROM "Paragraph" p JOIN "Document" d ON d."id" = p."documentId";
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'annotation', a."id", d."workspaceId", a."documentId", a."startPid", a."id", a."authorId", "scholia_body_text"(a."body")
  FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."deletedAt" IS NULL AND coalesce("scholia_body_text"(a."body"), '') <> '';
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "documentId", "paragraphId", "annotationId", "authorId", "text")
  SELECT 'reply', r."id", d."workspaceId", a."documentId", a."startPid", r."annotationId", r."authorId", "scholia_body_text"(r."body")
  FROM "Reply" r JOIN "Annotation" a ON a."id" = r."annotationId" JOIN "Document" d ON d."id" = a."documentId" WHERE r."deletedAt" IS NULL AND coalesce("scholia_body_text"(r."body"), '') <> '';
INSERT INTO "SearchDoc"("kind", "entityId", "workspaceId", "text")
  SELECT 'tag', t."id", t."workspaceId", trim(t."name" || ' ' || t."description") FROM "Tag" t WHERE t."archivedAt" IS NULL;
