#!/usr/bin/env node
// The pathway for a pupil whose own nude picture is shared, or who is threatened with it
// (issue 25, parts 5-7), in Debian's Chromium at 375 px, JavaScript on and off:
//
//   BASE_URL=http://127.0.0.1:18080 [FORM_PATH=/s/oakfield/report] node tests/browser/nude_image.mjs
//
//   choosing   - on the report form, choosing either such kind leaves no visible (and,
//                with JavaScript, no enabled) file input, and shows "never send the
//                picture"; choosing another kind brings the input back.
//   chosen     - a picture chosen first, then the kind: with JavaScript the file is let
//                go; without, the server drops it, and either way the receipt says no
//                picture was kept ("We kept 1 picture" never shows).
//   entry      - the form reached with the kind chosen (?kind=nude_image) has no file
//                input at all.
//   advice     - the advice page names Report Remove and the National Crime Agency's steps.
// axe (WCAG 2.2 AA) runs on the form with the kind chosen and on the advice page, with
// and without JavaScript. No request may leave the site's host. Prints "N passed,
// M failed" last and exits 0 only when nothing failed.

import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

if (!process.env.BASE_URL) {
  console.error('usage: BASE_URL=http://127.0.0.1:PORT [FORM_PATH=/s/oakfield/report] node tests/browser/nude_image.mjs')
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
const KINDS = ['nude_image', 'sextortion']
const urlOf = (path) => new URL(path, BASE).href
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGM4IScnd0KOAUIBAB3SBBHfPB1bAAAAAElFTkSuQmCC', 'base64')
const NEVER_SEND = 'Never send the picture or video to anyone, not even to us.'
const NOT_KEPT = 'You chose a picture, but we did not keep it.'

const checks = []
function report (name, problems) {
  checks.push({ name, problems })
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`)
  for (const p of problems) console.log(`       - ${p.replace(/\n/g, '\n         ')}`)
}

// One journey in a fresh 375 px browser; axe runs with and without JavaScript, as the
// page a pupil without a script sees is a page of its own (the :has() rule's).
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
  if (js) page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`) })
  // axe needs JavaScript (it hangs in a page with it off): without, the page is brought
  // back (`again`, or its address) in a second browser with the site's scripts blocked.
  let auditContext = null
  if (!js) {
    auditContext = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
    await auditContext.route('**/*', (route) => route.request().resourceType() === 'script' ? route.abort() : route.fallback())
  }
  const audit = async (step, again = null) => {
    let target = page
    if (auditContext) {
      target = await auditContext.newPage()
      target.setDefaultTimeout(TIMEOUT_MS)
      if (again) await again(target)
      else await target.goto(page.url())
    }
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze()
    for (const v of results.violations) problems.push(`${step}: axe ${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
    if (auditContext) await target.close()
  }
  const fail = (message) => problems.push(message)
  try {
    await steps(page, audit, fail)
  } catch (err) {
    problems.push(`journey broke: ${err.message.split('\n')[0]}`)
  }
  if (blocked.length) problems.push(`third-party requests: ${blocked.join(', ')}`)
  await context.close()
  if (auditContext) await auditContext.close()
  report(`${name} ${js ? 'js  ' : 'nojs'}`, problems)
}

// Whether a pupil could pick a file now: a file input that is shown and, with the
// page's script, not disabled.
async function fileInputUsable (page) {
  for (const input of await page.locator('input[type=file]').all()) {
    if (await input.isVisible() && await input.isEnabled()) return true
  }
  return false
}

async function choosing (browser, js) {
  await journey(browser, 'choosing', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    if (!(await fileInputUsable(page))) fail('the plain form has no usable file input')
    if (await page.getByText(NEVER_SEND).isVisible()) fail('"never send" shows before the kind is chosen')
    for (const kind of KINDS) {
      await page.locator(`input[name=category][value=${kind}]`).check()
      if (await fileInputUsable(page)) fail(`${kind}: a file input can still be used`)
      if (!(await page.getByText(NEVER_SEND).isVisible())) fail(`${kind}: "never send the picture" is not shown`)
      await audit(`${kind} chosen`, async (target) => {
        await target.goto(urlOf(FORM))
        await target.locator(`input[name=category][value=${kind}]`).check()
      })
    }
    await page.locator('input[name=category][value=bullying]').check()
    if (!(await fileInputUsable(page))) fail('another kind chosen: the file input did not come back')
  })
}

async function chosenFirst (browser, js) {
  await journey(browser, 'chosen', js, async (page, audit, fail) => {
    await page.goto(urlOf(FORM))
    await page.locator('input[name=category][value=online_bullying]').check()
    await page.locator('#pictures').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: TINY_PNG })
    await page.locator('input[name=category][value=nude_image]').check()
    if (js && (await page.locator('#pictures').inputValue()) !== '') fail('the chosen file is still set, to be sent')
    await page.locator('input[name=location][value=online]').check()
    await page.locator('input[name=happening_now][value=no]').check()
    await page.locator('input[name=about][value=no]').check()
    await page.locator('#what').fill('Browser test: someone is sharing a picture of me.')
    await page.locator('form.confide-report-form button[type=submit]').click()
    await page.locator('.confide-receipt-code').waitFor()
    const shown = (await page.locator('main').textContent()) ?? ''
    if (/We kept \d+ picture/.test(shown)) fail('the receipt says a picture was kept')
    // Without a script the file went with the form, and the server says it dropped it.
    if (!js && !shown.includes(NOT_KEPT)) fail('the receipt does not say the picture was not kept')
    if (js && shown.includes(NOT_KEPT)) fail('a picture was sent though the script let it go')
    // A POSTed page: audited with JavaScript only, as bringing it back would send again.
    if (js) await audit('receipt')
  })
}

async function entry (browser, js) {
  await journey(browser, 'entry', js, async (page, audit, fail) => {
    await page.goto(urlOf(`${FORM}?kind=nude_image`))
    if (await page.locator('input[type=file]').count()) fail('a file input is in the form')
    if (!(await page.locator('input[name=category][value=nude_image]').isChecked())) fail('the kind is not chosen')
    if (!(await page.getByText(NEVER_SEND).isVisible())) fail('"never send the picture" is not shown')
    await audit('form with the kind chosen')
    await page.locator('#no-pictures a').click()
    await page.waitForURL(/\/picture-help$/)
    await advicePage(page, audit, fail)
  })
}

async function advicePage (page, audit, fail) {
  const shown = (await page.locator('main').textContent()) ?? ''
  for (const words of ['Report Remove', 'National Crime Agency', 'Do not pay.', 'Stop contact.', 'Block them', 'Do not delete anything.', 'not your fault']) {
    if (!shown.includes(words)) fail(`the advice page does not say "${words}"`)
  }
  const link = page.locator('a', { hasText: 'Report Remove' })
  if (!/^https:\/\/www\.childline\.org\.uk\//.test((await link.getAttribute('href')) ?? '')) fail('Report Remove is not a link to Childline')
  await audit('advice page')
}

let exitCode = 1
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
try {
  for (const js of [true, false]) {
    await choosing(browser, js)
    await chosenFirst(browser, js)
    await entry(browser, js)
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
}
process.exit(exitCode)
