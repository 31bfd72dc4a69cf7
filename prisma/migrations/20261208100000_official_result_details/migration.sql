-- AlterTable
ALTER TABLE "official_index" ADD COLUMN     "parent_code" TEXT,
ADD COLUMN     "position" INTEGER;

-- AlterTable
ALTER TABLE "official_result" ADD COLUMN     "highest_since" TEXT,
ADD COLUMN     "rank_change" INTEGER,
ADD COLUMN     "rank_trend" TEXT,
ADD COLUMN     "sample_frame" INTEGER,
ADD COLUMN     "sample_size" INTEGER,
ADD COLUMN     "subindices_basis" TEXT,
ADD COLUMN     "subindices_down" INTEGER,
ADD COLUMN     "subindices_up" INTEGER,
ADD COLUMN     "value_change" DECIMAL(5,2),
ADD COLUMN     "value_trend" TEXT;

-- AddForeignKey
ALTER TABLE "official_index" ADD CONSTRAINT "official_index_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "official_index"("code") ON DELETE SET NULL ON UPDATE CASCADE;

