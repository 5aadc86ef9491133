import { describe } from "vitest";
import { InMemoryActorStore } from "../src/index.js";
import { storeGuarantees } from "./store-suite.js";

describe("guarantees on the in-memory store", () => {
  storeGuarantees({ store: () => new InMemoryActorStore(), numRuns: 60 });
});
