-- On PostgreSQL two transactions could refresh the summary of the same completed response at once (say, a
-- Zalo rating added while an answer of it is corrected); each computed the pattern from its own snapshot,
-- so the one committing last could write a pattern missing the other's change. Refreshes of one response
-- are now serialised on its row. Same function otherwise (20261127070000_response_summary).
CREATE OR REPLACE FUNCTION "response_summary_refresh"(rid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock the response first: the statements below then read the answers as committed by any other
  -- transaction refreshing the same response (each statement of a function takes a fresh snapshot under
  -- READ COMMITTED). FOR NO KEY UPDATE does not block foreign-key checks, so inserting answers is not held
  -- up; the survey step already holds this lock, having just updated the row.
  PERFORM 1 FROM "response" WHERE "id" = rid FOR NO KEY UPDATE;
  INSERT INTO "response_summary" AS s
         ("response_id", "agency_id", "procedure_code", "channel", "questionnaire_id", "completed_at", "pattern")
  SELECT r."id", r."agency_id", r."procedure_code", r."channel", r."questionnaire_id", r."completed_at",
         -- Same answers as the indices count: an element item, a score 1-5, not skipped. "C" collation so
         -- the order (and so the grouping of equal patterns) is the same on every database. Text rather than
         -- text[]: grouping by it measured about twice as fast.
         COALESCE((SELECT string_agg(CASE WHEN a."score" >= 4 THEN '2' ELSE '1' END || length(a."item_id") || ':' || a."item_id",
                                     '' ORDER BY a."item_id" COLLATE "C")
                     FROM "answer" a
                    WHERE a."response_id" = r."id" AND a."element" IS NOT NULL AND a."score" BETWEEN 1 AND 5 AND NOT a."skipped"), '')
    FROM "response" r
   WHERE r."id" = rid AND r."status" = 'completed' AND r."completed_at" IS NOT NULL
  ON CONFLICT ("response_id") DO UPDATE
     SET "agency_id" = EXCLUDED."agency_id", "procedure_code" = EXCLUDED."procedure_code", "channel" = EXCLUDED."channel",
         "questionnaire_id" = EXCLUDED."questionnaire_id", "completed_at" = EXCLUDED."completed_at", "pattern" = EXCLUDED."pattern";
  IF NOT FOUND THEN
    -- Not (or no longer) completed, or gone.
    DELETE FROM "response_summary" WHERE "response_id" = rid;
  END IF;
END $$;

