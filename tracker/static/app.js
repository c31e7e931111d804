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

// A long choice of people (a select marked data-autocomplete, see tracker/forms.py): GOV.UK's
// accessible-autocomplete turns it into a text box that suggests as one types. Progressive enhancement: the
// library and its styles are fetched only when a page has such a select, from this site (so the
// Content-Security-Policy allows them), and without script the <select> works as it is.
const longSelects = document.querySelectorAll("select[data-autocomplete]");
if (longSelects.length) {
  const asset = (name) => new URL(name, import.meta.url).href;
  const styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = asset("accessible-autocomplete.min.css");
  document.head.append(styles);
  const library = document.createElement("script");
  library.src = asset("accessible-autocomplete.min.js");
  library.addEventListener("load", () => longSelects.forEach(enhance));
  document.head.append(library);
}

function enhance(select) {
  const id = select.id;
  const optionNamed = (text) => [...select.options].find((o) => o.textContent.trim() === text.trim());
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    showAllValues: true,
    // "All owners" stays a suggestion, and is what an emptied box confirms when it loses focus.
    preserveNullOptions: true,
    onConfirm: (chosen) => {
      const option = chosen && optionNamed(chosen);
      if (option) select.value = option.value;
    },
  });
  // What the box holds when the form is sent is the choice (the library alone keeps the last one confirmed,
  // so an emptied box, sent with Enter before it lost focus, would still filter): empty means the empty option.
  select.form?.addEventListener("submit", () => {
    const typed = document.getElementById(id)?.value.trim() ?? "";
    const option = typed ? optionNamed(typed) : [...select.options].find((o) => !o.value);
    if (option) select.value = option.value;
  });
}
