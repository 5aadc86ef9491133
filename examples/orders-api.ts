/**
 * One Lambda function for an orders service: an HTTP API (create and read orders), an SQS
 * consumer (payment events), and direct invokes (a status lookup from Step Functions or the SDK).
 * Typed errors become HTTP answers through `catches`; the event router picks the route by shape.
 */
import { direct, HandlerError, httpApi, lambdaHandler, router, sqs } from "@durable-ts/sdk/lambda";
import { z } from "zod";

interface Order {
  id: string;
  item: string;
  qty: number;
  status: "NEW" | "PAID";
}

// Stands in for a table: one container's memory.
const orders = new Map<string, Order>();
let nextId = 1;

const NewOrder = z.object({ item: z.string().min(1), qty: z.number().int().positive() });

function find(id: string): Order {
  const order = orders.get(id);
  if (!order) throw new HandlerError("ORDER_NOT_FOUND", `No order ${id}`, { id });
  return order;
}

const notFound = { code: "ORDER_NOT_FOUND", statusCode: 404, body: ({ error }: { error: { message: string } }) => ({ message: error.message }) };

export const handler = lambdaHandler({
  onColdStart: () => {
    orders.clear(); // where a real function would open its connections
  },
  handle: router([
    httpApi({
      method: "POST",
      path: "/orders",
      inputs: (req) => {
        const parsed = NewOrder.safeParse(req.body);
        if (!parsed.success) throw new HandlerError("INVALID_ORDER", "Invalid order", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
        return parsed.data;
      },
      handler: (input) => {
        const order: Order = { id: String(nextId++), ...input, status: "NEW" };
        orders.set(order.id, order);
        return order;
      },
      returns: [{ statusCode: 201, body: ({ result }) => result }],
      catches: [{ code: "INVALID_ORDER", statusCode: 400, body: ({ error }) => ({ message: error.message, issues: error.data.issues }) }],
    }),
    // `!`: the router calls this handler only when the path's `{id}` segment matched.
    httpApi({ method: "GET", path: "/orders/{id}", handler: (req) => find(req.params.id!), catches: [notFound] }),
    sqs({
      queue: "payments",
      inputs: (record) => JSON.parse(record.body) as { orderId: string },
      handler: ({ orderId }) => {
        find(orderId).status = "PAID";
      },
      // A payment for an order we never saw is dropped, not retried.
      catches: [{ code: "ORDER_NOT_FOUND", body: () => "dropped" }],
      onRecordError: () => undefined,
    }),
    direct({
      handler: (event: { orderId: string }) => find(event.orderId).status,
      returns: [{ body: ({ event, result }) => ({ orderId: event.orderId, status: result }) }],
      catches: [{ code: "ORDER_NOT_FOUND", body: ({ event }) => ({ orderId: (event as { orderId: string }).orderId, status: "UNKNOWN" }) }],
    }),
  ]),
});
