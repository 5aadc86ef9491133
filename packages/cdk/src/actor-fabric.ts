import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** Properties of {@link ActorFabric}. */
export interface ActorFabricProps {
  /** What happens to the table when the stack is deleted. Default `RETAIN`: actor state outlives stacks. */
  removalPolicy?: RemovalPolicy;
  /** Deliveries of one async call before it goes to the dead-letter queue. Default 5. */
  maxReceiveCount?: number;
  /**
   * Visibility timeout of the queue: at least six times the actor function's timeout, as Lambda
   * advises for SQS event sources. Default 6 minutes (functions of up to 1 minute).
   */
  visibilityTimeout?: Duration;
  /** How long the dead-letter queue keeps failed calls. Default 14 days (the maximum). */
  deadLetterRetention?: Duration;
  /** Records per batch given to the actor function. Default 10. */
  batchSize?: number;
}

/**
 * The infrastructure of `@durable-ts/actors` stores:
 * - a DynamoDB table keyed by `pk` (string), on-demand, with point-in-time recovery; one item per
 *   actor holds its lease, version, state and call window;
 * - an SQS FIFO queue for async calls (`MessageGroupId` = actor id keeps per-actor order,
 *   `MessageDeduplicationId` = call id), with a FIFO dead-letter queue and a redrive policy;
 * - {@link addActorFunction}: the event source mapping with partial batch responses, the least
 *   permissions the function needs, and `ACTOR_TABLE_NAME` / `ACTOR_QUEUE_URL` in its environment.
 */
export class ActorFabric extends Construct {
  readonly table: dynamodb.Table;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  private readonly batchSize: number;

  constructor(scope: Construct, id: string, props: ActorFabricProps = {}) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      fifo: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, "Queue", {
      fifo: true,
      // Deduplication by the call id the sender sets, never by content: two calls with the same
      // payload are two calls.
      contentBasedDeduplication: false,
      visibilityTimeout: props.visibilityTimeout ?? Duration.minutes(6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
      enforceSSL: true,
    });
    this.batchSize = props.batchSize ?? 10;
  }

  /**
   * Wires an actor function (`actor.lambdaHandler()`): consumes the queue with partial batch
   * responses, may read and commit actor items and send async calls, and finds the table and
   * queue through its environment.
   */
  addActorFunction(fn: lambda.Function): void {
    fn.addEventSource(new SqsEventSource(this.queue, { batchSize: this.batchSize, reportBatchItemFailures: true }));
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: "ActorItems", actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources: [this.table.tableArn] }));
    this.queue.grantSendMessages(fn);
    fn.addEnvironment("ACTOR_TABLE_NAME", this.table.tableName);
    fn.addEnvironment("ACTOR_QUEUE_URL", this.queue.queueUrl);
  }

  /** Lets `grantee` send async calls to the actors (the queue only; sync calls invoke the function). */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }
}
