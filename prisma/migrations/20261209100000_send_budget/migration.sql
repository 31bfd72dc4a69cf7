-- CreateTable
CREATE TABLE "send_budget" (
    "key" TEXT NOT NULL,
    "next_at_ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "send_budget_pkey" PRIMARY KEY ("key")
);

