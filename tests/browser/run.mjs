#!/usr/bin/env node
// Real-browser checks of Confide's pupil pages, in Debian's Chromium.
//
//   BASE_URL=http://127.0.0.1:18080 [EXTRA_PATHS=/does-not-exist] \
//     node tests/browser/run.mjs [--screenshots DIR]
//
// For every pupil page reachable from "/" (plus EXTRA_PATHS, which must 404):
//   js    - JavaScript on: axe (WCAG 2.2 AA) finds nothing, the page load
//           transfers at most 100 KB (media excluded), no request leaves the
//           site's host, no console error, no CSP violation.
//   nojs  - JavaScript off: right status, a visible h1, an "Exit this page"
//           link to another site, the "Call 999" banner's link visible; and axe on
//           the no-JS rendering finds nothing.
// Once, on "/": pressing Shift three times leaves for the exit site.
// Prints "N passed, M failed" last and exits 0 only when nothing failed.
//
// Pupils use this site on old phones, on school wifi, sometimes while someone
// looks over their shoulder: hence the weight budget, the no-JS checks and the
// Exit this page check. Anonymity: hence no third-party requests, ever.

import { freshCode } from './codes.mjs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------
const USAGE = 'usage: BASE_URL=http://127.0.0.1:PORT [EXTRA_PATHS=/a,/b] node tests/browser/run.mjs [--screenshots DIR]'
if (!process.env.BASE_URL) {
  console.error(USAGE)
  process.exit(2)
}
const BASE = new URL(process.env.BASE_URL)
const args = process.argv.slice(2)
let SCREENSHOTS = null
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshots' && args[i + 1]) SCREENSHOTS = args[++i]
  else if (args[i].startsWith('--screenshots=')) SCREENSHOTS = args[i].slice('--screenshots='.length)
  else {
    console.error(USAGE)
    process.exit(2)
  }
}
// Extra paths are pages the crawl can't reach; we expect each to be a 404 page.
const EXTRA_PATHS = (process.env.EXTRA_PATHS || '').split(',').map((p) => p.trim()).filter(Boolean)
// More places to start crawling from, such as a school's own landing page.
const START_PATHS = (process.env.START_PATHS || '').split(',').map((p) => p.trim()).filter(Boolean)
const MAX_PAGES = 60
const BUDGET_BYTES = 102400 // 100 KB per page load, compressed, media excluded
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
// Debian's Chromium, never a browser that a tool downloads. Playwright's
// launch() gives it a fresh temporary profile (user data dir) every run.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  // Nothing but the page's own requests: no update checks, sync, field trials…
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const TIMEOUT_MS = 20000

// Media is streamed on demand and is not part of the page weight budget.
const isMedia = (url, type) => type === 'Media' || /\.(mp4|webm|vtt|jpe?g)$/i.test(new URL(url).pathname)
const isHttp = (url) => /^(https?|wss?):/i.test(url)
const urlOf = (path) => new URL(path, BASE).href

// ---------------------------------------------------------------------------
// Results: one "check" per page and mode, plus the Shift x3 check.
// ---------------------------------------------------------------------------
const checks = [] // { name, problems: string[] }
function report (name, problems) {
  checks.push({ name, problems })
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`)
  for (const p of problems) console.log(`       - ${p.replace(/\n/g, '\n         ')}`)
}
const rows = new Map() // path -> { kb, axeJs, axeNoJs }
const row = (path) => rows.get(path) ?? rows.set(path, { kb: '-', axeJs: '-', axeNoJs: '-' }).get(path)

function describeViolations (violations) {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')
    const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : ''
    return `axe ${v.id} [${v.impact}] ${v.help}\n  at ${targets}${more}\n  ${v.helpUrl}`
  })
}

// Abort (and remember) any request to another host, so nothing leaves this
// machine; `allow` lets the Exit this page test fake the exit site instead.
async function guardThirdParty (context, blocked, allow = null) {
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (!isHttp(url) || new URL(url).host === BASE.host) return route.continue()
    if (allow && allow(url)) return allow.fulfil(route)
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
}

// Same-origin links to pupil pages: not /static/, not /staff, not a file.
function pupilLinks (hrefs) {
  const out = []
  for (const href of hrefs) {
    let u
    try { u = new URL(href, BASE) } catch { continue }
    if (u.origin !== BASE.origin) continue
    const last = u.pathname.split('/').pop()
    if (u.pathname.startsWith('/static/') || u.pathname.startsWith('/staff') || last.includes('.')) continue
    out.push(u.pathname + u.search)
  }
  return out
}

// ---------------------------------------------------------------------------
// JavaScript on: axe, weight, third parties, console, CSP. Returns links found.
// ---------------------------------------------------------------------------
async function checkWithJs (browser, path, expect404, screenshotName) {
  const problems = []
  const blocked = []
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await guardThirdParty(context, blocked)
  // CSP violations are also console errors in Chromium, but this names them.
  await context.addInitScript(() => {
    window.__confideCsp = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__confideCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || ''})`)
    })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  const url = urlOf(path)

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    // The browser logs the 404 status of a page we asked to be a 404.
    if (expect404 && msg.location().url === url && /status of 404/.test(msg.text())) return
    problems.push(`console error: ${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ''}`)
  })
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`))

  // Bytes on the wire as Chromium's network stack counts them (headers and
  // compressed bodies). Chromium sends Accept-Encoding: gzip, deflate, br, zstd
  // by itself, so compression is measured as a pupil's browser would get it.
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true }) // a first visit
  const requests = new Map() // requestId -> { url, type }
  const pending = new Set()
  let bytes = 0
  const counted = []
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.redirectResponse && !isMedia(e.redirectResponse.url, e.type)) bytes += e.redirectResponse.encodedDataLength || 0
    requests.set(e.requestId, { url: e.request.url, type: e.type })
    if (isHttp(e.request.url) && !isMedia(e.request.url, e.type)) pending.add(e.requestId)
  })
  cdp.on('Network.loadingFinished', (e) => {
    pending.delete(e.requestId)
    const r = requests.get(e.requestId)
    if (!r || !isHttp(r.url) || isMedia(r.url, r.type)) return
    bytes += e.encodedDataLength
    counted.push(`${e.encodedDataLength} ${r.url}`)
  })
  cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId))

  let links = []
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS })
    const status = response?.status() ?? 0
    if (expect404 ? status !== 404 : status >= 400) problems.push(`HTTP status ${status}, expected ${expect404 ? '404' : '< 400'}`)
    // Let late requests (fetched after "load") finish before adding up bytes.
    for (let waited = 0; pending.size && waited < 5000; waited += 50) await page.waitForTimeout(50)
    await page.waitForTimeout(200)

    // Links to the page in other languages (hreflang) are not followed: the crawl stays in
    // one language, and languages.mjs walks the others.
    links = pupilLinks(await page.$$eval('a[href]:not([hreflang])', (as) => as.map((a) => a.getAttribute('href'))))
    const topicLinks = pupilLinks(await page.$$eval('.confide-topic-list a[href]', (as) => as.map((a) => a.getAttribute('href'))))

    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
    problems.push(...describeViolations(axe.violations))
    row(path).axeJs = String(axe.violations.length)

    for (const v of await page.evaluate(() => window.__confideCsp)) problems.push(`CSP violation: ${v}`)
    for (const b of blocked) problems.push(`third-party request: ${b}`)

    row(path).kb = (bytes / 1024).toFixed(1)
    if (bytes > BUDGET_BYTES) {
      problems.push(`page load transferred ${bytes} bytes, over the ${BUDGET_BYTES} byte budget:\n` + counted.join('\n'))
    }

    if (SCREENSHOTS && screenshotName) {
      await page.screenshot({ path: join(SCREENSHOTS, `${screenshotName}-desktop.png`), fullPage: true })
    }
    report(`js    ${path}`, problems)
    return { links, topicLinks }
  } catch (err) {
    problems.push(`error: ${err.message.split('\n')[0]}`)
    report(`js    ${path}`, problems)
    return { links, topicLinks: [] }
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------------------
// JavaScript off: what a pupil with JS blocked (or a broken script) sees.
// ---------------------------------------------------------------------------
async function checkWithoutJs (browser, path, expect404) {
  const problems = []
  const blocked = []
  const url = urlOf(path)
  const context = await browser.newContext({ javaScriptEnabled: false })
  await guardThirdParty(context, blocked)
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(TIMEOUT_MS)
    const response = await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS })
    const status = response?.status() ?? 0
    if (expect404 ? status !== 404 : status >= 400) problems.push(`HTTP status ${status}, expected ${expect404 ? '404' : '< 400'}`)

    if (!(await page.locator('h1').first().isVisible())) problems.push('no visible h1')

    // Exit this page must work as a plain link: absolute, to another site. Found by its
    // GOV.UK class, since a page in another language names it in that language.
    const exit = page.locator('a.govuk-exit-this-page__button').first()
    if (!(await exit.count())) {
      problems.push('no "Exit this page" link')
    } else {
      const href = (await exit.getAttribute('href')) || ''
      if (!/^https?:\/\//i.test(href)) problems.push(`"Exit this page" href is not an absolute http(s) URL: ${JSON.stringify(href)}`)
      else if (new URL(href).host === BASE.host) problems.push(`"Exit this page" goes to this site: ${href}`)
      if (!(await exit.isVisible())) problems.push('"Exit this page" link is not visible')
    }

    // The banner says "Call 999" in the page's language, with 999 as a phone link.
    const banner = page.locator('.confide-danger-banner a[href="tel:999"]').first()
    if (!(await banner.isVisible().catch(() => false))) problems.push('danger banner "Call 999" link not visible')
  } catch (err) {
    problems.push(`error: ${err.message.split('\n')[0]}`)
  } finally {
    await context.close()
  }

  // axe needs JavaScript (it hangs in a page with JS disabled), so audit the
  // no-JS rendering in a JS-enabled page whose own scripts are all blocked:
  // GOV.UK Frontend never runs, <body> never gets `js-enabled`.
  const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await guardThirdParty(axeContext, blocked)
  await axeContext.route('**/*', (route) => route.request().resourceType() === 'script' ? route.abort() : route.fallback())
  try {
    const page = await axeContext.newPage()
    page.setDefaultTimeout(TIMEOUT_MS)
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS })
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
    problems.push(...describeViolations(axe.violations).map((d) => `(no JS) ${d}`))
    row(path).axeNoJs = String(axe.violations.length)
  } catch (err) {
    problems.push(`error in no-JS axe audit: ${err.message.split('\n')[0]}`)
  } finally {
    await axeContext.close()
  }
  for (const b of blocked) problems.push(`third-party request: ${b}`)
  report(`nojs  ${path}`, problems)
}

// ---------------------------------------------------------------------------
// Exit this page: Shift three times leaves the site (GOV.UK Frontend JS).
// ---------------------------------------------------------------------------
async function checkShiftExit (browser) {
  const problems = []
  const blocked = []
  const context = await browser.newContext()
  let exitHost = null
  let attempted = null
  // Fake the exit site so the navigation never leaves this machine.
  const allow = (url) => exitHost !== null && new URL(url).host === exitHost
  allow.fulfil = (route) => {
    attempted = route.request().url()
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>' })
  }
  await guardThirdParty(context, blocked, allow)
  try {
    const page = await context.newPage()
    page.setDefaultTimeout(TIMEOUT_MS)
    await page.goto(urlOf('/'), { waitUntil: 'load' })
    const href = await page.locator('.govuk-js-exit-this-page-button, a:has-text("Exit this page")').first().getAttribute('href')
    exitHost = new URL(href, BASE).host
    // initAll() has run once confide.js has marked <body>.
    await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'), null, { timeout: 5000 })
      .catch(() => problems.push('<body> never got the govuk-frontend-supported class: did /static/js/confide.js run?'))
    const leaving = page.waitForRequest((r) => new URL(r.url()).host === exitHost, { timeout: 10000 })
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift')
      await page.waitForTimeout(150)
    }
    await leaving
    if (!attempted) problems.push(`no request reached the exit site ${exitHost}`)
  } catch (err) {
    problems.push(`pressing Shift three times on / did not leave for ${exitHost}: ${err.message.split('\n')[0]}`)
  } finally {
    await context.close()
  }
  for (const b of blocked) problems.push(`third-party request: ${b}`)
  report(`shift / Exit this page with Shift x3 → ${attempted || exitHost}`, problems)
}

// Full-page phone screenshots of the pages pupils land on most.
// (Pictures for people to look at; a failure here is reported, not counted.)
async function mobileScreenshots (browser, paths) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await guardThirdParty(context, [])
  try {
    for (const path of paths) {
      const page = await context.newPage()
      await page.goto(urlOf(path), { waitUntil: 'load', timeout: TIMEOUT_MS })
      await page.screenshot({ path: join(SCREENSHOTS, `${shotName(path)}-mobile.png`), fullPage: true })
      await page.close()
    }
  } catch (err) {
    console.log(`note: mobile screenshots failed: ${err.message.split('\n')[0]}`)
  } finally {
    await context.close()
  }
}

// ---------------------------------------------------------------------------
// The whole pupil journey through forms (which a crawl cannot reach): errors,
// the "in danger now" page, the receipt, and the follow-up conversation (a message with a
// picture, a name given later, a request to talk). With
// JS on every step gets axe; with JS off every step must still work.
// ---------------------------------------------------------------------------
// A 2×2 PNG, as a screenshot stands in for in the journey.
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGM4IScnd0KOAUIBAB3SBBHfPB1bAAAAAElFTkSuQmCC', 'base64')

async function checkReportFlow (browser, formPath, js) {
  const name = `flow ${js ? 'js' : 'nojs'} ${formPath}`
  const problems = []
  const blocked = []
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } })
  await guardThirdParty(context, blocked)
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  const audit = async (step) => {
    const h1 = (await page.locator('h1').first().textContent())?.trim()
    if (!js) return h1
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
    for (const v of describeViolations(results.violations)) problems.push(`${step}: ${v}`)
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `flow_${step}.png`), fullPage: true })
    return h1
  }
  const expect = (step, got, want) => { if (!got?.includes(want)) problems.push(`${step}: expected "${want}", got "${got}"`) }
  try {
    await page.goto(urlOf(formPath))
    await page.getByRole('button', { name: 'Send report' }).click()
    expect('errors', await audit('errors'), 'Tell us what is happening')
    if (await page.locator('.govuk-error-summary').count() !== 1) problems.push('errors: no error summary')
    await page.locator('input[name=category][value=bullying]').check()
    await page.locator('input[name=location][value=playground]').check()
    await page.locator('input[name=happening_now][value=yes]').check()
    await page.locator('input[name=about][value=no]').check()
    await page.locator('#what').fill('Browser test: a group follows me home.')
    await page.getByRole('button', { name: 'Send report' }).click()
    expect('danger', await audit('danger'), 'If you are in danger now, call 999')
    await page.getByRole('button', { name: 'Send my report now' }).click()
    expect('receipt', await audit('receipt'), 'Your report has been sent')
    const code = (await page.locator('.confide-receipt-code span').allTextContents()).map((g) => g.trim()).join(' ')
    if (!code || code.length !== 24) problems.push(`receipt: no code (${code})`)
    await page.goto(urlOf('/followup'))
    await page.locator('#code').fill(code ?? '')
    await page.getByRole('button', { name: 'Continue' }).click()
    expect('conversation', await audit('conversation'), 'Your report')
    if (!(await page.content()).includes('a group follows me home')) problems.push('conversation: the report text is missing')
    await page.locator('#message').fill('Browser test: it happened again.')
    // A screenshot too: a plain file field without JavaScript, with a preview with it.
    await page.locator('#pictures').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: TINY_PNG })
    if (js) {
      await page.locator('img.confide-preview').first().waitFor()
      await audit('preview')
    }
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    const sent = await page.content()
    if (!sent.includes('Your message has been sent')) problems.push('message: not confirmed')
    if (!sent.includes('You have sent 1 picture')) problems.push('message: the picture was not kept')
    // A name given later: an empty form is refused kindly, then a name is added; then
    // a request to talk. Each form is a plain POST, so the same steps work without JS.
    const later = page.getByRole('button', { name: 'Add my name to my report' })
    await later.click()
    expect('later-error', await audit('later-error'), 'Your report')
    if (!(await page.content()).includes('Write your name or how to reach you')) problems.push('later: no kind error for an empty name')
    await page.locator('#name').fill('Browser Test Pupil')
    await page.getByRole('button', { name: 'Add my name to my report' }).click()
    expect('later-named', await audit('later-named'), 'Your report')
    if (!(await page.content()).includes('Your name has been added to your report')) problems.push('later: the name was not confirmed')
    await page.getByRole('button', { name: 'I would like to talk to someone at school' }).click()
    expect('talk', await audit('talk'), 'Your report')
    if (!(await page.content()).includes('We have told the school you would like to talk to someone')) problems.push('talk: the request was not confirmed')
  } catch (err) {
    problems.push(`flow broke: ${err.message.split('\n')[0]}`)
  }
  if (blocked.length) problems.push(`third-party requests: ${blocked.join(', ')}`)
  await context.close()
  report(name, problems)
}

// ---------------------------------------------------------------------------
// Staff pages: sign in with the password and the code from the demo account's
// authenticator (DEMO_CODE_BIN demo-code EMAIL), then axe on the sign-in, code,
// queue, case (a reply template chosen, a report linked and unlinked, the case moved
// to the other school), recording a disclosure made in person, reply templates (admin),
// two-step set-up,
// confirm-it-is-you and (for an administrator)
// administration pages. With `js` false the same journey runs with JavaScript
// off, and each page is audited in a page whose own scripts are blocked.
// ---------------------------------------------------------------------------
// A code is good once, and never one older than the last: see codes.mjs.

async function checkStaff (browser, email, password, js) {
  const name = `staff ${js ? 'js  ' : 'nojs'} ${email}`
  const problems = []
  const blocked = []
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: js })
  await guardThirdParty(context, blocked)
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`) })
  // axe cannot run with JavaScript off: audit the same address, with this
  // context's cookies, in a page whose own scripts are blocked.
  const auditContext = js ? null : await browser.newContext({ viewport: { width: 1280, height: 900 } })
  if (auditContext) {
    await guardThirdParty(auditContext, blocked)
    await auditContext.route('**/*', (route) => route.request().resourceType() === 'script' ? route.abort() : route.fallback())
  }
  const audit = async (step) => {
    let target = page
    if (auditContext) {
      await auditContext.clearCookies()
      await auditContext.addCookies(await context.cookies())
      target = await auditContext.newPage()
      await target.goto(page.url())
    }
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze()
    for (const v of describeViolations(results.violations)) problems.push(`${step}: ${v}`)
    if (SCREENSHOTS) await target.screenshot({ path: join(SCREENSHOTS, `staff_${js ? 'js' : 'nojs'}_${step}.png`), fullPage: true })
    if (auditContext) await target.close()
  }
  try {
    await page.goto(urlOf('/staff/login'))
    await audit('login')
    await page.locator('#email').fill(email)
    await page.locator('#password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/staff\/login\/code$/)
    await audit('code')
    await page.locator('#code').fill(await freshCode(email))
    await page.getByRole('button', { name: 'Continue' }).click()
    // An administrator with no school's reports lands on Administration instead.
    await page.waitForURL(/\/staff(\/admin)?$/)
    await audit(page.url().endsWith('/admin') ? 'admin-landing' : 'queue')
    const first = page.locator('a[href^="/staff/reports/"]').first()
    if (await first.count()) {
      await first.click()
      await page.waitForURL(/\/staff\/reports\//)
      await audit('case')
      const caseUrl = page.url().split('#')[0]
      // A reply template fills in the reply box (a GET: nothing is sent), JS off too.
      await page.locator('#template').selectOption({ index: 1 })
      await page.getByRole('button', { name: 'Use this template' }).click()
      await page.waitForURL(/template=/)
      if (!(await page.locator('#reply').inputValue()).trim()) problems.push('reply template: the reply box is empty')
      await audit('case-template')
      // Linking a report about the same incident, then unlinking it (the demo stays as it was).
      await page.goto(caseUrl)
      if (await page.locator('#other').count()) {
        await page.locator('#other').selectOption({ index: 1 })
        await page.getByRole('button', { name: 'Link report' }).click()
        await page.waitForLoadState()
        if (!(await page.locator('#linked-reports li').count())) problems.push('incident: the linked report is not listed')
        await audit('case-linked')
        await page.getByRole('button', { name: 'Unlink this report' }).click()
        await page.waitForLoadState()
        if (await page.locator('#linked-reports').count()) problems.push('incident: still linked after unlinking')
      } else {
        problems.push('incident: no report to link on the first case')
      }
      await page.goto(caseUrl)
      // The hand-off summary, right after signing in (so no code is asked again).
      await page.getByRole('link', { name: 'Hand-off summary for CPOMS or MyConcern' }).click()
      await page.waitForURL(/\/handoff$/)
      await audit('handoff-confirm')
      // Showing the page makes nothing: the button makes (and records) the summary.
      await page.getByRole('button', { name: 'Make the hand-off summary' }).click()
      await page.waitForLoadState()
      for (const part of ['Concern', 'Action', 'Outcome', 'SHA-256']) {
        if (!(await page.locator(`text=${part}`).count())) problems.push(`hand-off: no ${part}`)
      }
      await audit('handoff')
      // A report sent to the wrong school: the demo officer holds roles at both schools,
      // so the case page offers the other (a plain form, JavaScript off too). The code
      // given at sign-in is still fresh, so the move is not stopped to ask for it. The
      // run with JavaScript off moves the same case back, so the demo ends as it began.
      await page.goto(caseUrl)
      const move = page.locator('#move-school')
      if (await move.count()) {
        await move.selectOption({ index: 1 })
        await page.getByRole('button', { name: 'Move the report' }).click()
        await page.waitForURL(/\/staff(\/reports\/[^/]+\?done=move)?$/)
        if (page.url().includes('done=move') && !(await page.locator('text=Report moved').count())) problems.push('move: no banner')
        if (!(await page.locator('text=Moved from').count()) && page.url().includes('done=move')) problems.push('move: not in the chronology')
        await audit('case-moved')
      } else if (email.startsWith('officer')) {
        problems.push('move: no form for the officer of both schools')
      }
    }
    // A disclosure made in person, recorded through the form (JS off too), for
    // anyone holding a role: the demo officer; the administrator holds none.
    await page.goto(urlOf('/staff'))
    if (await page.locator('a[href="/staff/disclosures/new"]').count()) {
      await page.goto(urlOf('/staff/disclosures/new'))
      await audit('disclosure-form')
      await page.locator('#school').check()
      await page.locator('#category').check()
      await page.locator('#location').check()
      await page.locator('#happening_now-2').check()
      await page.locator('#about').check()
      await page.locator('#what').fill('A pupil told me at break that someone takes their lunch money.')
      await page.locator('#paper_receipt').check()
      await page.getByRole('button', { name: 'Record the disclosure' }).click()
      await page.waitForLoadState()
      if (!(await page.locator('h1', { hasText: 'Disclosure recorded' }).count())) problems.push('disclosure: not recorded')
      if (!(await page.locator('.confide-receipt-code').count())) problems.push('disclosure: no paper receipt code shown')
      // The answer to a POST cannot be fetched again for the no-JS audit: audit it with JS on.
      if (js) await audit('disclosure-recorded')
    }
    await page.goto(urlOf('/staff/two-factor'))
    // The first run shows the button that makes the secret; later runs find it made.
    const start = page.getByRole('button', { name: 'Show the QR code' })
    if (await start.count()) {
      await audit('two-factor-start')
      await start.click()
      await page.waitForURL(/\/staff\/two-factor$/)
    }
    if (!(await page.locator('svg[role="img"]').count())) problems.push('two-step set-up: no QR code')
    await audit('two-factor')
    await page.goto(urlOf('/staff/verify?then=/staff'))
    await audit('verify')
    // Figures: the officer sees both schools, the administrator every school.
    await page.goto(urlOf('/staff/insights'))
    if (!(await page.locator('h1', { hasText: 'Figures' }).count())) problems.push('insights: no figures heading')
    if (!(await page.locator('svg.confide-chart').count())) problems.push('insights: no chart')
    if (!(await page.locator('text=fewer than 5').count())) problems.push('insights: the small-number rule is not shown')
    await audit('insights')
    await page.goto(urlOf('/staff/insights?period=this_year&by=term'))
    await audit('insights-year')
    if (await page.locator('a[href="/staff/admin"]').count()) {
      await page.goto(urlOf('/staff/admin'))
      await audit('admin')
      const poster = page.locator('a[href$="/poster"]').first()
      await poster.click()
      await page.waitForURL(/\/poster$/)
      if (!(await page.locator('.confide-poster svg').count())) problems.push('poster: no QR code')
      await audit('poster')
      // Each school's reply templates, editable by an administrator.
      await page.goto(urlOf('/staff/admin/replies'))
      if (!(await page.locator('h1', { hasText: 'Reply templates' }).count())) problems.push('reply templates: no heading')
      await audit('reply-templates')
      // The on-call chains (the demo has one for both schools, with its warnings).
      await page.goto(urlOf('/staff/admin/on-call'))
      if (!(await page.locator('h1', { hasText: 'On-call chains' }).count())) problems.push('on-call: no heading')
      if (!(await page.locator('text=Evenings, nights and weekends').count())) problems.push('on-call: the demo chain is not shown')
      await audit('on-call')
    }
  } catch (err) {
    problems.push(`staff flow broke: ${err.message.split('\n').slice(0, 3).join(' | ')}`)
  }
  if (blocked.length) problems.push(`third-party requests: ${blocked.join(', ')}`)
  await context.close()
  if (auditContext) await auditContext.close()
  report(name, problems)
}

const shotName = (path) => path === '/' ? 'home' : path.replace(/^\/+/, '').replace(/[^a-z0-9]+/gi, '_').replace(/_+$/, '')

// ---------------------------------------------------------------------------
// Main: crawl breadth-first with the JS checks, then the no-JS checks.
// ---------------------------------------------------------------------------
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
let exitCode = 1
try {
  console.log(`Chromium ${browser.version()} at ${CHROMIUM}; auditing ${BASE.origin}`)
  if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true })

  const queue = ['/', ...START_PATHS]
  const seen = new Set(queue)
  const crawled = []
  let firstTopic = null
  let skipped = 0
  while (queue.length) {
    const path = queue.shift()
    crawled.push(path)
    const { links, topicLinks } = await checkWithJs(browser, path, false, shotName(path))
    if (!firstTopic && topicLinks.length) firstTopic = topicLinks[0]
    for (const link of links) {
      if (seen.has(link)) continue
      seen.add(link)
      if (seen.size > MAX_PAGES) { skipped++; continue }
      queue.push(link)
    }
  }
  if (skipped) console.log(`note: crawl stopped at ${MAX_PAGES} pages; ${skipped} more links not visited`)
  if (!firstTopic) firstTopic = crawled.find((p) => /^\/topics?\//.test(p)) ?? null

  for (const path of EXTRA_PATHS) await checkWithJs(browser, path, true, shotName(path))
  for (const path of crawled) await checkWithoutJs(browser, path, false)
  for (const path of EXTRA_PATHS) await checkWithoutJs(browser, path, true)
  await checkShiftExit(browser)
  for (const login of (process.env.STAFF_LOGINS || '').split(',').filter(Boolean)) {
    const [email, password] = login.split(':')
    await checkStaff(browser, email, password, true)
    await checkStaff(browser, email, password, false)
  }
  const form = crawled.find((p) => /^\/s\/[^/]+\/report$/.test(p))
  if (form) {
    await checkReportFlow(browser, form, true)
    await checkReportFlow(browser, form, false)
  }
  if (SCREENSHOTS) await mobileScreenshots(browser, ['/', firstTopic].filter(Boolean))

  // Summary table.
  console.log('\npath'.padEnd(41) + 'transfer KB'.padStart(12) + 'axe (JS)'.padStart(10) + 'axe (no JS)'.padStart(13))
  for (const [path, r] of rows) {
    console.log(path.padEnd(40).slice(0, 40) + r.kb.padStart(12) + r.axeJs.padStart(10) + r.axeNoJs.padStart(13))
  }
  if (SCREENSHOTS) console.log(`\nscreenshots in ${SCREENSHOTS}`)
  const failed = checks.filter((c) => c.problems.length).length
  console.log(`\n${checks.length - failed} passed, ${failed} failed`)
  exitCode = failed ? 1 : 0
} catch (err) {
  // The harness itself broke: count that as one more failed check.
  console.error(err)
  const failed = checks.filter((c) => c.problems.length).length
  console.log(`\n${checks.length - failed} passed, ${failed + 1} failed`)
} finally {
  await browser.close()
}
process.exit(exitCode)
