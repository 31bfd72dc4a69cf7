-- CreateTable
CREATE TABLE "feedback_action" (
    "id" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "element" TEXT,
    "text_vi" TEXT NOT NULL,
    "text_en" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "feedback_action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feedback_action_agency_id_status_idx" ON "feedback_action"("agency_id", "status");

-- CreateIndex
CREATE INDEX "feedback_action_status_idx" ON "feedback_action"("status");

-- AddForeignKey
ALTER TABLE "feedback_action" ADD CONSTRAINT "feedback_action_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

