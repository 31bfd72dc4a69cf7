-- CreateTable
CREATE TABLE "alert_threshold" (
    "id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "agency_code" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_threshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_claim" (
    "agency_code" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "claimed_by" TEXT NOT NULL,
    "claimed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_claim_pkey" PRIMARY KEY ("agency_code","period","condition")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_threshold_staff_id_agency_code_target_unit_key" ON "alert_threshold"("staff_id", "agency_code", "target", "unit");

