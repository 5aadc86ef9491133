// A stand-in payment provider. Replace it with your own client; the tests make it decline once
// to show the step's retries.
export const payments = {
  declinesLeft: 0,
  async charge(orderId: string, amount: number): Promise<{ paymentId: string }> {
    if (payments.declinesLeft > 0) {
      payments.declinesLeft--;
      throw new Error("payment provider unavailable");
    }
    return { paymentId: `pay-${orderId}-${amount}` };
  },
};
