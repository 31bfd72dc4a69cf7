-- CreateTable
CREATE TABLE "procedure" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT,
    "agency_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "procedure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "procedure_code_key" ON "procedure"("code");

-- CreateIndex
CREATE INDEX "procedure_agency_id_idx" ON "procedure"("agency_id");

-- AddForeignKey
ALTER TABLE "procedure" ADD CONSTRAINT "procedure_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

