-- The search index's segments are merged at quiet moments by the app (server/db/sqlite-search-merge.ts),
-- not inside the commits that write to it: FTS5's automatic merging did up to 64 pages per level
-- of merge work inside some of them (115 of 1,500 creates at 20/s, measured). Each commit still adds its rows to the index
-- (search finds them at once); 'crisismerge' keeps its default (16), so no level holds more than
-- 16 segments even while writes never pause.
INSERT INTO "SearchText"("SearchText", "rank") VALUES ('automerge', 0);
