-- The replies to a reply, by parentId: deleting a reply (a document's replies go with it) checks
-- for replies naming it, which without this index read the whole Reply table once per reply.
-- CreateIndex
CREATE INDEX "Reply_parentId_idx" ON "Reply"("parentId");

