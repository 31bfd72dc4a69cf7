-- CreateTable
CREATE TABLE "outbox_job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "run_at" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "recipient" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMP(3),

    CONSTRAINT "outbox_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_job_dedupe_key_key" ON "outbox_job"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_job_status_run_at_idx" ON "outbox_job"("status", "run_at");

