/** htm bound to Preact: tagged templates instead of JSX, so the page needs no compile step of its own. */
export { html } from "htm/preact";
