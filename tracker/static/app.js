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

// The time-out warning (templates/base.html, GOV.UK's pattern): SESSION_WARNING_SECONDS before the session would
// end, a modal says so and offers "Stay signed in" (Escape too) or "Sign out". It asks the server how long is left
// before it shows, so activity in another tab counts. When the time runs out, a form typed into is posted, marked
// to be held and not saved (tracker/held_input.py), so what was typed comes back after signing in; otherwise the
// page is asked for again, which sends it to sign in.
const warning = document.querySelector("#timeout-warning");
if (warning && typeof warning.showModal === "function") {
  const { idleSeconds, warningSeconds, timeLeftUrl, staySignedInUrl } = warning.dataset;
  const warnFor = Number(warningSeconds);
  const countdown = warning.querySelector(".tracker-timeout__countdown");
  const announced = warning.querySelector(".tracker-timeout__announced");
  const csrfToken = warning.querySelector("input[name=csrf_token]").value;
  let timer;
  let ticker;
  let endsAt = 0;
  let typedInto = null;

  document.querySelector("main")?.addEventListener("input", (event) => {
    const form = event.target.form;
    if (form && form.method === "post") typedInto = form;
  });

  const inWords = (seconds) => {
    if (seconds > 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minutes`;
    }
    return seconds === 1 ? "1 second" : `${seconds} seconds`;
  };

  // Seconds left as the server counts them; 0 when the session has ended (the answer is a redirect to sign in);
  // null when the server cannot be reached.
  const secondsLeft = async (url, init = {}) => {
    try {
      const answer = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { Accept: "application/json", ...(init.headers || {}) },
      });
      return answer.ok ? (await answer.json()).seconds_left : 0;
    } catch {
      return null;
    }
  };

  const signInAgain = () => {
    if (typedInto) {
      const hold = document.createElement("input");
      hold.type = "hidden";
      hold.name = "tracker_hold";
      hold.value = "1";
      typedInto.append(hold);
      // The prototype's submit: a form's own "submit" button, named so, hides the method.
      HTMLFormElement.prototype.submit.call(typedInto);
    } else {
      window.location.assign(window.location.href);
    }
  };

  const close = () => {
    window.clearInterval(ticker);
    if (warning.open) warning.close();
  };

  const tick = () => {
    const seconds = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    countdown.textContent = inWords(seconds);
    // Screen readers hear the time when the warning opens and at a few points after, not every second.
    if (seconds === 60 || seconds === 20) announced.textContent = `We will sign you out in ${inWords(seconds)}.`;
    if (seconds === 0) {
      window.clearInterval(ticker);
      check();
    }
  };

  const show = (seconds) => {
    endsAt = Date.now() + seconds * 1000;
    if (!warning.open) {
      warning.showModal();
      announced.textContent = `We will sign you out in ${inWords(seconds)}.`;
    }
    window.clearInterval(ticker);
    tick();
    ticker = window.setInterval(tick, 1000);
  };

  const waitFor = (seconds) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, Math.max(0, seconds - warnFor) * 1000);
  };

  const answered = (seconds) => {
    if (seconds === null) {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 10000); // the network is briefly away: ask again
    } else if (seconds <= 0) {
      close();
      signInAgain();
    } else if (seconds > warnFor) {
      close();
      waitFor(seconds);
    } else {
      show(seconds);
    }
  };

  async function check() {
    answered(await secondsLeft(timeLeftUrl));
  }

  const stay = async () => {
    answered(await secondsLeft(staySignedInUrl, { method: "POST", headers: { "X-CSRFToken": csrfToken } }));
  };

  warning.querySelector(".tracker-timeout__stay").addEventListener("click", stay);
  // Escape means "stay signed in", as GOV.UK's pattern has it, rather than only hiding the warning.
  warning.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  waitFor(Number(idleSeconds));
}
