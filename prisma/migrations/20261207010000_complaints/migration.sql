-- CreateTable
CREATE TABLE "complaint" (
    "id" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,
    "respondent_id" TEXT,
    "agency_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "low_scores" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "text" TEXT,
    "contact_phone" TEXT,
    "awaiting_contact" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL,
    "submitted_at" TIMESTAMP(3),
    "first_reply_at" TIMESTAMP(3),
    "resolved_at" TIMESTAMP(3),
    "resolved_by" TEXT,
    "erased_at" TIMESTAMP(3),

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_reply" (
    "id" TEXT NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "text" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'pending',
    "failure" TEXT,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "complaint_reply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_response_id_key" ON "complaint"("response_id");

-- CreateIndex
CREATE INDEX "complaint_respondent_id_status_idx" ON "complaint"("respondent_id", "status");

-- CreateIndex
CREATE INDEX "complaint_agency_id_status_idx" ON "complaint"("agency_id", "status");

-- CreateIndex
CREATE INDEX "complaint_submitted_at_idx" ON "complaint"("submitted_at");

-- CreateIndex
CREATE INDEX "complaint_reply_complaint_id_idx" ON "complaint_reply"("complaint_id");

-- AddForeignKey
ALTER TABLE "complaint_reply" ADD CONSTRAINT "complaint_reply_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

