#!/usr/bin/env node
// The pupil's sending journey in Debian's Chromium at 375 px, JavaScript on and off
// (issue 22, items 2, 3, 4 and 7):
//
//   BASE_URL=http://127.0.0.1:18080 [FORM_PATH=/s/oakfield/report] node tests/browser/pupil_send.mjs
//
//   too big   - a 30 MB picture: with JavaScript the pupil is told when choosing, in the
//               server's words, beside the field (tied to it, announced) and the file is
//               not sent; without, the server names the one-picture reason and keeps the
//               words typed. A PDF gets the "not a picture" words with JavaScript.
//   held      - an urgent report with a picture: the danger page says it will be sent;
//               "Go back and change it" says it is kept; sending keeps 1 picture.
//   once      - the receipt page reloaded, and Back then send again, never show another
//               code (same code, or no new receipt at all); Back from an urgent report's
//               receipt to the danger page and sending again shows the same code.
//   empty code - "Check for a reply" with no code asks for the code.
// With JavaScript, axe (WCAG 2.2 AA) runs on each page reached. No request may leave the
// site's host. Prints "N passed, M failed" last and exits 0 only when nothing failed.

import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

if (!process.env.BASE_URL) {
  console.error('usage: BASE_URL=http://127.0.0.1:PORT [FORM_PATH=/s/oakfield/report] node tests/browser/pupil_send.mjs')
  process.exit(2)
}
const BASE = new URL(process.env.BASE_URL)
const FORM = process.env.FORM_PATH || '/s/oakfield/report'
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const TIMEOUT_MS = 30000
const urlOf = (path) => new URL(path, BASE).href
// A 2×2 PNG, as a screenshot stands in.
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGM4IScnd0KOAUIBAB3SBBHfPB1bAAAAAElFTkSuQmCC', 'base64')
const TOO_BIG = 'A picture you chose is too big. Each picture must be smaller than 10 MB'
const NOT_A_PICTURE = 'A file you chose is not a picture we can take'

const checks = []
function report (name, problems) {
  checks.push({ name, problems })
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`)
  for (const p of problems) console.log(`       - ${p.replace(/\n/g, '\n         ')}`)
}

// One journey in a fresh 375 px browser: `steps(page, check)` gets the page and a
// function that audits it (axe, with JavaScript) and records a problem.
async function journey (browser, name, js, steps) {
  const problems = []
  const blocked = []
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (!/^https?:/i.test(url) || new URL(url).host === BASE.host) return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  // A form answered with 400 (a mistake to correct) is logged by the browser as a failed
  // load: that is the page working, not a script error.
  if (js) page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console error: ${m.text()}`) })
  const audit = async (step) => {
    if (!js) return
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
    for (const v of results.violations) problems.push(`${step}: axe ${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  }
  const fail = (message) => problems.push(message)
  try {
    await steps(page, audit, fail)
  } catch (err) {
    problems.push(`journey broke: ${err.message.split('\n')[0]}`)
  }
  if (blocked.length) problems.push(`third-party requests: ${blocked.join(', ')}`)
  await context.close()
  report(`${name} ${js ? 'js  ' : 'nojs'}`, problems)
}

async function fillReport (page, what, urgent) {
  await page.locator('input[name=category][value=bullying]').check()
  await page.locator('input[name=location][value=playground]').check()
  await page.locator(`input[name=happening_now][value=${urgent ? 'yes' : 'no'}]`).check()
  await page.locator('input[name=about][value=no]').check()
  await page.locator('#what').fill(what)
}

const codeOn = async (page) => (await page.locator('.confide-receipt-code span').allTextContents()).map((g) => g.trim()).join(' ')
const text = async (page) => (await page.locator('main').textContent()) ?? ''

async function tooBig (browser, js, bigPath) {
  await journey(browser, 'too big', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    await fillReport(page, 'Browser test: a 30 MB photo.', false)
    await page.locator('#pictures').setInputFiles(bigPath)
    if (js) {
      const error = page.locator('#pictures-error')
      await error.waitFor()
      if (!(await error.textContent())?.includes(TOO_BIG)) fail(`choosing: got "${await error.textContent()}"`)
      if ((await error.getAttribute('role')) !== 'alert') fail('choosing: the message is not announced')
      const described = (await page.locator('#pictures').getAttribute('aria-describedby')) ?? ''
      if (!described.split(' ').includes('pictures-error')) fail(`choosing: the input is not described by the message (${described})`)
      if ((await page.locator('#pictures').inputValue()) !== '') fail('choosing: the file is still chosen, to be sent and refused')
      await audit('too big')
      await page.locator('#pictures').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') })
      if (!(await error.textContent())?.includes(NOT_A_PICTURE)) fail(`a PDF: got "${await error.textContent()}"`)
      await page.locator('#pictures').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: TINY_PNG })
      if (await page.locator('#pictures-error').count()) fail('a good picture: the old message stayed')
      await page.locator('img.confide-preview').first().waitFor()
      return
    }
    await page.getByRole('button', { name: 'Send report' }).click()
    const shown = await text(page)
    if (!shown.includes(TOO_BIG)) fail('sent: the server did not name the one-picture reason')
    if (shown.includes('All your pictures together')) fail('sent: the wrong reason')
    if ((await page.locator('#what').inputValue()) !== 'Browser test: a 30 MB photo.') fail('sent: the words typed were lost')
  })
}

async function held (browser, js) {
  await journey(browser, 'held pictures', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    await fillReport(page, 'Browser test: urgent, with a screenshot.', true)
    await page.locator('#pictures').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: TINY_PNG })
    await page.getByRole('button', { name: 'Send report' }).click()
    if (!(await text(page)).includes('The 1 picture you chose will be sent with your report')) fail('danger: the picture is not mentioned')
    await audit('danger')
    await page.getByRole('button', { name: 'Go back and change it' }).click()
    if (!(await text(page)).includes('We are keeping the 1 picture you chose before')) fail('back: the kept picture is not mentioned')
    await audit('back')
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('button', { name: 'Send my report now' }).click()
    if (!(await text(page)).includes('We kept 1 picture with your report')) fail('receipt: the picture was not sent')
    await audit('receipt')
  })
}

async function once (browser, js) {
  await journey(browser, 'sent once', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    await fillReport(page, 'Browser test: sent once, whatever happens.', false)
    await page.getByRole('button', { name: 'Send report' }).click()
    const code = await codeOn(page)
    if (!code) return fail('no receipt code')
    await page.reload()
    const afterReload = (await page.locator('.confide-receipt-code').count()) ? await codeOn(page) : null
    if (afterReload && afterReload !== code) fail('reload: a second report was stored (another code)')
    if (process.env.DEBUG_SEND) console.log(`reload showed ${afterReload === code ? 'the same code' : 'no receipt'}`)
    await page.goBack()
    if (await page.getByRole('button', { name: 'Send report' }).count()) {
      const kept = await page.locator('#what').inputValue()
      await page.getByRole('button', { name: 'Send report' }).click()
      const again = (await page.locator('.confide-receipt-code').count()) ? await codeOn(page) : null
      if (again && again !== code) fail('Back and send again: a second report was stored (another code)')
      if (process.env.DEBUG_SEND) console.log(`Back kept "${kept}"; sending again showed ${again === code ? 'the same code' : 'no receipt'}`)
    }
  })
}

// Back from an urgent report's receipt is the danger page: sending from it again must
// show the same code.
async function onceUrgent (browser, js) {
  await journey(browser, 'sent once (urgent)', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    await fillReport(page, 'Browser test: urgent, sent once.', true)
    await page.getByRole('button', { name: 'Send report' }).click()
    await page.getByRole('button', { name: 'Send my report now' }).click()
    const code = await codeOn(page)
    if (!code) return fail('no receipt code')
    await page.goBack()
    const danger = page.getByRole('button', { name: 'Send my report now' })
    if (!(await danger.count())) return fail(`Back: not the danger page (${await page.title()})`)
    await danger.click()
    const again = (await page.locator('.confide-receipt-code').count()) ? await codeOn(page) : null
    if (again !== code) fail(`Back and send again: ${again ? 'another code' : 'no receipt'}`)
  })
}

async function emptyCode (browser, js) {
  await journey(browser, 'empty code', js, async (page, audit, fail) => {
    await page.goto(urlOf('/followup'))
    await page.getByRole('button', { name: 'Continue' }).click()
    const shown = await text(page)
    if (!shown.includes('Enter your receipt code')) fail('no "Enter your receipt code"')
    if (shown.includes('We could not find a report')) fail('an empty code was "not found"')
    await audit('empty code')
  })
}

let exitCode = 1
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
const dir = await mkdtemp(join(tmpdir(), 'confide-send-'))
try {
  const bigPath = join(dir, 'IMG_0001.jpg')
  await writeFile(bigPath, Buffer.alloc(30 * 1000 * 1000, 0x42))
  for (const js of [true, false]) {
    await tooBig(browser, js, bigPath)
    await held(browser, js)
    await once(browser, js)
    await onceUrgent(browser, js)
    await emptyCode(browser, js)
  }
  const failed = checks.filter((c) => c.problems.length).length
  console.log(`\n${checks.length - failed} passed, ${failed} failed`)
  exitCode = failed ? 1 : 0
} catch (err) {
  console.error(err)
  const failed = checks.filter((c) => c.problems.length).length
  console.log(`\n${checks.length - failed} passed, ${failed + 1} failed`)
} finally {
  await browser.close()
  await rm(dir, { recursive: true, force: true })
}
process.exit(exitCode)
