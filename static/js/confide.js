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

// Pictures chosen for a report are checked the moment they are chosen, against the
// server's own limits and in the server's own words (both in the input's data-
// attributes), so a pupil on a slow connection learns at once, not after the upload.
// The order is the server's: one picture too big, then all together too big, then too
// many, then a file that is empty or not a kind of picture we take.
function pictureProblem (input, files) {
  const d = input.dataset
  if (files.some((f) => f.size > Number(d.maxFile))) return d.msgTooBig
  if (files.reduce((sum, f) => sum + f.size, 0) > Number(d.maxTotal)) return d.msgTooMuch
  if (files.length > Number(d.maxCount)) return d.msgTooMany
  for (const file of files) {
    if (/^image\/hei[cf]/i.test(file.type) || /\.hei[cf]$/i.test(file.name)) return d.msgHeic
    if (file.size === 0) return d.msgEmpty
    // An unknown type ('') is left to the server, which looks at the bytes.
    if (file.type && !/^image\/(png|jpeg|webp)$/.test(file.type)) return d.msgKind
  }
  return null
}

// A plural message in the page's language: the server writes a template for each of the
// language's plural categories (JSON in a data- attribute) and the browser's own plural
// rules pick one, as GOV.UK Frontend does for its character count.
function plural (json, n) {
  let forms = {}
  try { forms = JSON.parse(json || '{}') } catch { forms = {} }
  const category = new Intl.PluralRules(document.documentElement.lang || 'en').select(n)
  return (forms[category] ?? forms.other ?? '').replace('%{count}', String(n))
}

// Shows (or, with no words, clears) the field's error as GOV.UK does: the message above
// the input, tied to it by aria-describedby, and announced as it appears.
function showPictureError (input, words) {
  const group = input.closest('.govuk-form-group')
  let message = group.querySelector('#pictures-error')
  const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== 'pictures-error')
  if (!words) {
    message?.remove()
    group.classList.remove('govuk-form-group--error')
    input.classList.remove('govuk-file-upload--error')
    input.setAttribute('aria-describedby', described.join(' '))
    return
  }
  if (!message) {
    message = document.createElement('p')
    message.id = 'pictures-error'
    message.className = 'govuk-error-message'
    input.before(message)
  }
  message.setAttribute('role', 'alert')
  const hidden = document.createElement('span')
  hidden.className = 'govuk-visually-hidden'
  hidden.textContent = `${input.dataset.msgError || 'Error:'} `
  message.replaceChildren(hidden, words)
  group.classList.add('govuk-form-group--error')
  input.classList.add('govuk-file-upload--error')
  input.setAttribute('aria-describedby', [...described, 'pictures-error'].join(' '))
}

// Small previews, so a pupil can see they picked the right ones. Made in the page from
// the files themselves (blob: addresses); nothing is sent until the form is.
for (const input of document.querySelectorAll('input[type=file][data-confide-preview]')) {
  const box = input.closest('.govuk-form-group')?.querySelector('[data-confide-previews]')
  if (!box) continue
  let urls = []
  input.addEventListener('change', () => {
    for (const url of urls) URL.revokeObjectURL(url)
    urls = []
    box.replaceChildren()
    const chosen = Array.from(input.files || [])
    const problem = pictureProblem(input, chosen)
    showPictureError(input, problem)
    if (problem) {
      // Not sent: the pupil chooses again, without waiting for an upload to be refused.
      input.value = ''
      return
    }
    const files = chosen.slice(0, 5)
    if (!files.length) return
    const note = document.createElement('p')
    note.className = 'govuk-body'
    note.textContent = plural(input.dataset.msgChose, files.length)
    box.append(note)
    files.forEach((file, i) => {
      if (!/^image\/(png|jpeg|webp)$/.test(file.type)) return
      const url = URL.createObjectURL(file)
      urls.push(url)
      const img = document.createElement('img')
      img.src = url
      img.alt = plural(input.dataset.msgPreview, i + 1)
      img.className = 'confide-preview'
      img.width = 120
      box.append(img)
    })
  })
}

// A kind of report about a nude picture of the pupil takes no pictures: while one is
// chosen the file input is emptied and disabled (so nothing is sent) and hidden, even
// where the style sheet's :has() rule does not work. The server drops any that come.
for (const form of document.querySelectorAll('form[data-confide-no-pictures]')) {
  const kinds = form.dataset.confideNoPictures.split(' ')
  const input = form.querySelector('input[type=file]')
  const note = form.querySelector('.confide-no-pictures')
  const update = () => {
    const chosen = form.querySelector('input[name=category]:checked')
    const none = Boolean(chosen && kinds.includes(chosen.value))
    if (note) note.hidden = !none && !note.classList.contains('confide-no-pictures--chosen')
    if (!input) return
    if (none && input.value) {
      input.value = ''
      input.dispatchEvent(new Event('change'))
    }
    input.disabled = none
    const group = input.closest('.confide-pictures')
    if (group) group.hidden = none
  }
  for (const radio of form.querySelectorAll('input[name=category]')) radio.addEventListener('change', update)
  update()
}

// The school finder: with JavaScript, the list narrows as a pupil types, and a screen
// reader hears how many schools are left. Without it, the Search button does the same
// on the server.
for (const input of document.querySelectorAll('input[data-confide-filter]')) {
  const list = document.getElementById(input.dataset.confideFilter)
  const count = document.getElementById('confide-school-count')
  if (!list) continue
  const items = Array.from(list.children)
  input.addEventListener('input', () => {
    const typed = input.value.trim().toLowerCase()
    let shown = 0
    for (const item of items) {
      const match = item.textContent.toLowerCase().includes(typed)
      item.hidden = !match
      if (match) shown++
    }
    if (!count) return
    count.textContent = shown === 0 ? count.dataset.msgNone : plural(count.dataset.msgCount, shown)
  })
}

// "Listen": reads the page aloud with the browser's own speech, and only with voices that
// run on the device (localService), so no words leave it. The button stays hidden when
// the device has no such voice for the page's language, and without JavaScript.
function localVoice (lang) {
  const primary = lang.toLowerCase().split('-')[0]
  return window.speechSynthesis.getVoices().find((v) =>
    v.localService && v.lang.toLowerCase().replace('_', '-').split('-')[0] === primary)
}

function readable (region) {
  const parts = []
  for (const el of region.querySelectorAll('h1, h2, h3, p, li, legend, label, .govuk-hint, .govuk-details__summary-text')) {
    if (el.closest('[hidden], button, video, .govuk-visually-hidden')) continue
    // Only the innermost blocks, so nothing is read twice.
    if (el.querySelector('p, li, h2, h3')) continue
    const words = el.textContent.replace(/\s+/g, ' ').trim()
    if (words) parts.push(words)
  }
  return parts
}

if ('speechSynthesis' in window) {
  for (const button of document.querySelectorAll('button[data-confide-listen]')) {
    const lang = button.dataset.confideListen
    const region = button.closest('[data-confide-read]') || document.querySelector('[data-confide-read]')
    if (!region) continue
    const label = button.textContent
    const offer = () => { if (localVoice(lang)) button.hidden = false }
    offer()
    window.speechSynthesis.addEventListener('voiceschanged', offer)
    button.addEventListener('click', () => {
      const synth = window.speechSynthesis
      if (synth.speaking) {
        synth.cancel()
        button.textContent = label
        return
      }
      const voice = localVoice(lang)
      if (!voice) return
      const parts = readable(region)
      parts.forEach((words, i) => {
        const utterance = new SpeechSynthesisUtterance(words)
        utterance.voice = voice
        utterance.lang = voice.lang
        if (i === parts.length - 1) utterance.addEventListener('end', () => { button.textContent = label })
        synth.speak(utterance)
      })
      button.textContent = button.dataset.msgStop
    })
  }
}
