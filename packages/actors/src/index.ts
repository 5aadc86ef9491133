/**
 * @durable-ts/actors: keyed single-writer state on Lambda. Model and guarantees: docs/actors.md.
 */
export { actor, type Actor, type ActorDefinition } from "./actor.js";
export { exclusive, shared, handlersFor } from "./definition/handlers.js";
export type { ExclusiveContext, SharedContext, BaseActorContext, ActorLogger, SaveOptions } from "./definition/context.js";
export type { ExclusiveHandler, SharedHandler, Handler, Handlers, PayloadOf, ResultOf, StateOf, HandlersOf, AnyActor } from "./definition/context.js";
export { actorClient, type ActorClientOptions } from "./actor-client.js";
export type { ActorClient, CallOptions, CallResult, PayloadArgs } from "./definition/context.js";
export type { ActorTransport, TransportRequest } from "./client/types.js";
export { ActorRuntime, derivedCallId, type ActorRuntimeOptions } from "./runtime/runtime.js";
export type { Execution, RuntimeSettings } from "./runtime/settings.js";
export { consoleLogger, silentLogger } from "./runtime/logger.js";
export { DEFAULT_CALL_WINDOW } from "./runtime/call-window.js";
export { InMemoryActorStore, type InMemoryActorStoreOptions } from "./store/in-memory-store.js";
export { DynamoActorStore, partitionKey, type DynamoActorStoreOptions } from "./store/dynamo-store.js";
export { DYNAMODB_MAX_ITEM_BYTES } from "./store/item-size.js";
export type { ActorStore, ActorSnapshot, Acquired, ActorKey, CallRecord, CallOutcome, CommitRequest } from "./store/store.js";
export { InMemoryActorQueue, type InMemoryActorQueueOptions } from "./queue/in-memory-queue.js";
export { SqsActorQueue, type SqsActorQueueOptions } from "./queue/sqs-queue.js";
export { messageGroupId, type ActorQueue, type QueuedCall } from "./queue/queue.js";
export { isSqsEvent, type SqsEvent, type SqsRecord, type SqsBatchResponse } from "./queue/sqs-event.js";
export type { ActorLambdaHandler, WireResponse } from "./lambda/handler.js";
export type { LambdaHandlerOptions } from "./lambda/config.js";
export { processSqsBatch } from "./lambda/sqs-batch.js";
export { systemClock, type Clock } from "./time/clock.js";
export { MAX_ACTOR_ID_LENGTH } from "./validation/input.js";
export {
  ACTOR_ERROR_CODES,
  ActorError,
  ActorConflictError,
  ActorBusyError,
  ActorReadOnlyError,
  ActorInputError,
  ActorStateTooLargeError,
  ActorHandlerError,
  isActorError,
  type ActorErrorCode,
} from "./errors/errors.js";
export { encodeError, decodeError, type ErrorRecord } from "./errors/codec.js";
