// GOV.UK Frontend's components (error summary focus, service navigation toggle …).
// A file rather than an inline script, so the Content-Security-Policy can forbid inline script.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// A job's progress page (templates/reports/job.html): ask every few seconds whether the job has finished,
// and show its outcome when it has. Without script the page's own "Check again" link does the same.
const job = document.querySelector("[data-job-status-url]");
if (job) {
  const check = async () => {
    try {
      const answer = await fetch(job.dataset.jobStatusUrl, { headers: { Accept: "application/json" } });
      if (answer.ok && (await answer.json()).finished) {
        window.location.reload();
        return;
      }
    } catch {
      // The network or server is briefly away: keep asking.
    }
    window.setTimeout(check, 3000);
  };
  window.setTimeout(check, 3000);
}
