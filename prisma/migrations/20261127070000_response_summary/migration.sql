-- CreateTable
CREATE TABLE "response_summary" (
    "response_id" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "procedure_code" TEXT,
    "channel" TEXT NOT NULL,
    "questionnaire_id" TEXT NOT NULL,
    "completed_at" TIMESTAMP(3) NOT NULL,
    "pattern" TEXT NOT NULL,

    CONSTRAINT "response_summary_pkey" PRIMARY KEY ("response_id")
);

-- CreateIndex
CREATE INDEX "response_summary_completed_at_idx" ON "response_summary"("completed_at");

-- AddForeignKey
ALTER TABLE "response_summary" ADD CONSTRAINT "response_summary_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "response"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Kept by triggers, not by application code, so every writer fills it without knowing about it: the
-- survey's one-statement step, Zalo ratings (Prisma), imports and hand-written SQL alike. The row of a
-- response is recomputed from scratch whenever something it depends on may have changed, which makes the
-- triggers idempotent and independent of their firing order (the survey step changes the response and
-- upserts an answer in one statement; both triggers then see the statement's final state).
CREATE FUNCTION "response_summary_refresh"(rid TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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

CREATE FUNCTION "response_summary_on_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "response_summary_refresh"(NEW."id");
  RETURN NULL;
END $$;

-- An answer only matters once its response is completed; answers of a running survey cost one key lookup.
CREATE FUNCTION "response_summary_on_answer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM "response" WHERE "id" = OLD."response_id" AND "status" = 'completed') THEN
    PERFORM "response_summary_refresh"(OLD."response_id");
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."response_id" <> OLD."response_id")
     AND EXISTS (SELECT 1 FROM "response" WHERE "id" = NEW."response_id" AND "status" = 'completed') THEN
    PERFORM "response_summary_refresh"(NEW."response_id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "response_summary_response_insert" AFTER INSERT ON "response"
  FOR EACH ROW WHEN (NEW."status" = 'completed') EXECUTE FUNCTION "response_summary_on_response"();

-- Every survey step rewrites status and state; the WHEN clause (evaluated without calling the function)
-- skips the steps of a running survey.
CREATE TRIGGER "response_summary_response_update" AFTER UPDATE ON "response"
  FOR EACH ROW WHEN ((NEW."status" = 'completed' OR OLD."status" = 'completed')
    AND (OLD."status", OLD."completed_at", OLD."agency_id", OLD."procedure_code", OLD."channel", OLD."questionnaire_id")
        IS DISTINCT FROM (NEW."status", NEW."completed_at", NEW."agency_id", NEW."procedure_code", NEW."channel", NEW."questionnaire_id"))
  EXECUTE FUNCTION "response_summary_on_response"();

CREATE TRIGGER "response_summary_answer" AFTER INSERT OR UPDATE OR DELETE ON "answer"
  FOR EACH ROW EXECUTE FUNCTION "response_summary_on_answer"();

-- Backfill: the responses completed before this migration.
INSERT INTO "response_summary" ("response_id", "agency_id", "procedure_code", "channel", "questionnaire_id", "completed_at", "pattern")
SELECT r."id", r."agency_id", r."procedure_code", r."channel", r."questionnaire_id", r."completed_at", COALESCE(p."pattern", '')
  FROM "response" r
  LEFT JOIN (SELECT a."response_id",
                    string_agg(CASE WHEN a."score" >= 4 THEN '2' ELSE '1' END || length(a."item_id") || ':' || a."item_id",
                               '' ORDER BY a."item_id" COLLATE "C") AS "pattern"
               FROM "answer" a
              WHERE a."element" IS NOT NULL AND a."score" BETWEEN 1 AND 5 AND NOT a."skipped"
              GROUP BY a."response_id") p ON p."response_id" = r."id"
 WHERE r."status" = 'completed' AND r."completed_at" IS NOT NULL;
