-- AlterTable
ALTER TABLE "invitation" ADD COLUMN     "delivered_at" TIMESTAMP(3),
ADD COLUMN     "delivery_channel" TEXT,
ADD COLUMN     "delivery_error" TEXT,
ADD COLUMN     "delivery_recipient" TEXT,
ADD COLUMN     "delivery_retry_at" TIMESTAMP(3),
ADD COLUMN     "delivery_status" TEXT,
ADD COLUMN     "delivery_updated_at" TIMESTAMP(3),
ADD COLUMN     "zalo_message_id" TEXT;

-- AlterTable
ALTER TABLE "respondent" ADD COLUMN     "stopped_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "invitation_zalo_message_id_idx" ON "invitation"("zalo_message_id");

-- CreateIndex
CREATE INDEX "invitation_delivery_status_delivery_retry_at_idx" ON "invitation"("delivery_status", "delivery_retry_at");

