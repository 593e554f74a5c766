// Confide's only script. Loaded at the end of <body> as
//   <script type="module" src="/static/js/confide.js"></script>
// Every page works without it; it only enhances. No storage, no network.
import { initAll } from './govuk-frontend.min.js'

// GOV.UK's page template sets these classes with an inline <script>, which our
// Content-Security-Policy forbids. Only browsers that run ES modules get here,
// and those are the ones GOV.UK Frontend supports, so this is the support check.
// It must happen before initAll(), which does nothing without the second class.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

// Exit this page (Shift pressed three times), character count, error summary
// focus, button double-click protection, etc.
initAll()

// <button type="button" class="govuk-button govuk-button--secondary" data-confide-print>Print</button>
// (confide.css hides it when printing)
for (const button of document.querySelectorAll('button[data-confide-print]')) {
  button.addEventListener('click', () => window.print())
}
