// GOV.UK Frontend's components (error summary focus, service navigation toggle …).
// A file rather than an inline script, so the Content-Security-Policy can forbid inline script.
import { initAll } from "./govuk-frontend.min.js";

initAll();
