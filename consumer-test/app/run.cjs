// CommonJS: require both packages and run the workflow.
const sdk = require("@durable-ts/sdk");
const testing = require("@durable-ts/testing");
const { runAndCheck } = require("./workflow-body.cjs");

runAndCheck(sdk, testing, "CJS").then(
  () => console.log("CJS workflow: SUCCEEDED"),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
