-- CreateTable
CREATE TABLE "official_unit" (
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "official_unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "official_index" (
    "code" TEXT NOT NULL,
    "name_vi" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "graded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "official_index_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "official_result" (
    "id" SERIAL NOT NULL,
    "index_code" TEXT NOT NULL,
    "unit_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" DECIMAL(5,2),
    "rank" INTEGER,
    "of" INTEGER,
    "grade" TEXT,
    "source_url" TEXT NOT NULL,
    "verification" TEXT NOT NULL DEFAULT 'verified',
    "note" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "official_result_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "official_unit_slug_key" ON "official_unit"("slug");

-- CreateIndex
CREATE INDEX "official_result_index_code_year_idx" ON "official_result"("index_code", "year");

-- CreateIndex
CREATE UNIQUE INDEX "official_result_index_code_unit_code_year_key" ON "official_result"("index_code", "unit_code", "year");

-- AddForeignKey
ALTER TABLE "official_result" ADD CONSTRAINT "official_result_index_code_fkey" FOREIGN KEY ("index_code") REFERENCES "official_index"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "official_result" ADD CONSTRAINT "official_result_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "official_unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

