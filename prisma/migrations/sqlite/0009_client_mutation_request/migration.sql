-- A recorded clientMutationId keeps the fingerprint of its request, so a repeat of the id with a
-- different request is refused (409) instead of answered with the first result. Rows recorded
-- before this have none and are answered as before.
-- AlterTable
ALTER TABLE "ClientMutation" ADD COLUMN "request" TEXT;

