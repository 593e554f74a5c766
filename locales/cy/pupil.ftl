### Confide pupil pages — Welsh
## review: machine-assisted, not yet checked by a fluent speaker
#
# Translated from locales/en-GB/pupil.ftl. Same keys as English. Keep 999, 0800 1111,
# service names and every { $value } exactly as they are. Addresses the pupil as "ti".

## The layout of every page

page-title = { $title } – Confide
skip-link = Neidio i'r prif gynnwys
banner-label = Help mewn argyfwng
banner-text = Mewn perygl nawr? Ffonia { $emergency }. Childline { $childline }
service-label = Gwybodaeth am y gwasanaeth
service-name = Cael help a rhoi gwybod am rywbeth
menu = Dewislen
nav-advice = Cyngor a fideos
nav-report = Rhoi gwybod am rywbeth
nav-followup = Gweld a oes ateb
nav-safety = Defnyddio'r wefan hon yn ddiogel
exit-hidden = Argyfwng
exit-button = Gadael y dudalen hon
exit-activated = Yn llwytho.
exit-timed-out = Mae 'Gadael y dudalen hon' wedi dod i ben.
exit-press-two = Shift, pwysa 2 waith eto i adael.
exit-press-one = Shift, pwysa unwaith eto i adael.
footer-heading = Dolenni cymorth
footer-privacy = Dyw'r wefan hon ddim yn defnyddio cwcis ar gyfer disgyblion, dyw hi ddim yn dy dracio di a dyw hi ddim yn cofnodi dy gyfeiriad rhyngrwyd.
language-menu = Ieithoedd
# The offer of this page in your language, to a browser that asks for it.
offer-language = Mae'r dudalen hon ar gael yn Gymraeg hefyd.
# On a long page not yet translated into your language: name your language.
not-translated = Dyw'r dudalen hon ddim yn Gymraeg eto, felly mae hi yn Saesneg.
go-home = Mynd i'r hafan
warning = Rhybudd
success = Llwyddiant
inset-danger = Os wyt ti mewn perygl nawr, ffonia { $emergency }.
inset-childline = I siarad â rhywun nawr, ffonia Childline am ddim ar { $childline }, unrhyw bryd, ddydd neu nos. Fydd yr alwad ddim yn ymddangos ar y bil ffôn.

## The home page, a school's page and finding a school

home-heading = Yn poeni am rywbeth? Gelli di ddweud wrthon ni.
no-name-needed = Does dim rhaid i ti roi dy enw.
home-what = Dywed wrth dy ysgol am unrhyw beth sy'n dy boeni. Gelli di ddweud wrthon ni am fwlio, rhywun yn dy frifo neu'n codi ofn arnat ti, arfau, gangiau, cyffuriau, rhywbeth sy'n digwydd gartref neu ar-lein, neu unrhyw beth arall. Gall fod amdanat ti neu am rywun arall.
school-tell = Dywed wrth { $school } am unrhyw beth sy'n dy boeni.
school-hours = Mae staff yn darllen adroddiadau { $hours }.
school-outside-hours = Y tu allan i'r amseroedd hynny, efallai na fydd neb yn gweld dy adroddiad ar unwaith. Felly os oes angen help arnat ti nawr, defnyddia'r rhifau isod.
find-school = Dod o hyd i dy ysgol
find-school-report = I ba ysgol rwyt ti'n mynd?
find-school-intro = Ar dudalen dy ysgol mae cyngor, fideos a ffordd o ddweud wrth y staff sy'n cadw disgyblion yn ddiogel yno.
find-school-report-intro = Mae dy adroddiad yn mynd at y staff sy'n cadw disgyblion yn ddiogel yn dy ysgol.
search-school = Chwilio am dy ysgol
search-hint = Teipia ychydig o lythrennau o'i henw.
search-button = Chwilio
no-school-matches = Does dim ysgol yn cyfateb i “{ $typed }”. Gwiria'r sillafu, neu rho gynnig ar lai o lythrennau.
no-schools-yet = Does dim ysgolion yn defnyddio'r wefan hon eto.
schools-match-none = Does dim ysgol yn cyfateb. Gwiria'r sillafu, neu rho gynnig ar lai o lythrennau.
schools-match = { $count ->
    [zero] Does dim ysgol yn cyfateb.
    [one] Mae { $count } ysgol yn cyfateb.
    [two] Mae { $count } ysgol yn cyfateb.
    [few] Mae { $count } ysgol yn cyfateb.
    [many] Mae { $count } ysgol yn cyfateb.
   *[other] Mae { $count } ysgol yn cyfateb.
}
school-not-here = Os nad yw dy ysgol di yma, gelli di ddweud wrth { $fearless } am drosedd heb roi dy enw, neu ffonio Childline ar { $childline }.

## Topic pages and other long pages

video-cannot-play = Dyw dy borwr ddim yn gallu chwarae'r fideo hwn. Gelli di ddarllen beth mae'n ei ddweud isod, neu { $link }.
video-download = lawrlwytho'r fideo
transcript-heading = Beth mae'r fideo'n ei ddweud (trawsgrifiad)
tell-someone = Dweud wrth rywun
topic-tell = Os yw hyn yn digwydd i ti neu i rywun rwyt ti'n ei nabod, gelli di ddweud wrth dy ysgol yma. Does dim rhaid i ti roi dy enw.
topic-tell-school = Os yw hyn yn digwydd i ti neu i rywun rwyt ti'n ei nabod, gelli di ddweud wrth { $school } yma. Does dim rhaid i ti roi dy enw.
helplines-heading = Pwy arall sy'n gallu helpu
helpline-phone = Ffôn: { $phone }
helpline-website = Gwefan { $name }
opens-another-site = (yn agor gwefan arall)
listen = Gwrando
listen-stop = Stopio

## The report form

error-title = Gwall: { $title }
error-summary-title = Mae problem
error-prefix = Gwall:
report-heading = Dywed wrthon ni beth sy'n digwydd
report-intro = Mae'n cymryd tua 3 munud. Does dim rhaid i ti roi dy enw.
report-goes-to = Dim ond at y staff sy'n cadw disgyblion yn ddiogel yn { $school } ac at heddwas yr ysgol y mae dy adroddiad yn mynd. Maen nhw'n darllen adroddiadau { $hours }.
category-legend = Pa fath o beth sy'n digwydd?
category-hint = Dewisa'r un sy'n gweddu orau.
category-bullying = Bwlio
category-online-bullying = Bwlio ar-lein neu rannu lluniau
category-nude-image = Mae rhywun wedi rhannu, neu'n rhannu, llun neu fideo noeth neu rywiol ohona i
category-sextortion = Mae rhywun yn bygwth rhannu un, neu'n gofyn i mi am arian
category-weapons = Cyllyll neu arfau eraill
category-gangs = Gangiau
category-drugs-alcohol = Cyffuriau neu alcohol
category-hurt-threatened = Cael dy frifo neu dy fygwth
category-home = Rhywbeth gartref
category-sexual = Aflonyddu neu gam-drin rhywiol
category-hate = Casineb neu hiliaeth
category-extremism = Safbwyntiau eithafol neu eithafiaeth
category-theft-damage = Dwyn neu ddifrod
category-other = Rhywbeth arall
location-legend = Ble digwyddodd e?
location-classroom = Mewn ystafell ddosbarth
location-corridor = Mewn coridor neu ar y grisiau
location-toilets = Yn y toiledau
location-playground = Ar yr iard neu ar y cae
location-canteen = Yn y ffreutur
location-journey = Ar y ffordd i'r ysgol neu adref
location-transport = Ar fws, trên neu drafnidiaeth arall
location-online = Ar-lein neu ar ffôn
location-near-school = Yn agos at yr ysgol
location-home = Gartref
location-elsewhere = Rhywle arall
happening-now-legend = Ydy e'n digwydd nawr, neu wyt ti mewn perygl?
answer-yes = Ie
answer-no = Na
about-legend = Ydy hyn am oedolyn sy'n gweithio yn dy ysgol?
about-hint = Er enghraifft athro, cynorthwyydd addysgu, hyfforddwr neu rywun sy'n gweithio yn y swyddfa. Os felly, mae dy adroddiad yn mynd at bobl wahanol.
about-no = Nac ydy
about-staff = Ydy, oedolyn sy'n gweithio yn yr ysgol
about-head = Ydy, y pennaeth
what-label = Beth ddigwyddodd?
what-hint = Dywed e yn dy eiriau dy hun. Rho unrhyw beth rwyt ti'n meddwl sy'n bwysig.
when-label = Pryd digwyddodd e? (dewisol)
when-hint = Er enghraifft: ddoe amser cinio, bob dydd Llun, ers mis Medi.
who-label = Pwy oedd yn rhan o'r peth? (dewisol)
who-hint = Enwau, sut maen nhw'n edrych, neu eu blwyddyn ysgol, os wyt ti'n gwybod.
about-you-heading = Amdanat ti (dewisol)
about-you-optional = Does dim rhaid i ti ddweud wrthon ni pwy wyt ti.
about-you-why = Os wyt ti'n gwneud, gall staff siarad â ti a dy helpu di'n gynt.
name-label = Dy enw (dewisol)
contact-label = Sut dylen ni gysylltu â ti? (dewisol)
contact-hint = Er enghraifft: dy ddosbarth cofrestru, neu amser diogel i siarad.
send-report = Anfon yr adroddiad

## A nude or sexual picture of you

nude-entry = Ydy rhywun yn rhannu llun noeth ohonot ti, neu'n bygwth gwneud hynny?
nude-never-send = Paid byth ag anfon y llun neu'r fideo at neb, dim hyd yn oed aton ni.
nude-no-upload = Does dim angen i ni ei weld, felly alli di ddim ychwanegu lluniau at yr adroddiad hwn. Dywed wrthon ni mewn geiriau beth sy'n digwydd.
nude-help-link = Beth i'w wneud nawr os yw rhywun yn rhannu llun noeth ohonot ti, neu'n dweud y bydd yn gwneud hynny
nude-next = Fydd y staff ddim yn gofyn i ti am y llun. Nid dy fai di yw hyn. Mae pethau y galli di eu gwneud nawr, fel gofyn i'r llun gael ei dynnu i lawr.
nude-tell = Gelli di ddweud wrth dy ysgol beth sy'n digwydd. Does dim rhaid i ti roi dy enw, a does byth angen i ti anfon y llun.
pictures-not-kept = Dewisaist ti lun, ond wnaethon ni ddim ei gadw. Dydyn ni byth yn cadw lluniau gyda'r math hwn o adroddiad, felly does dim rhaid i neb ei weld. Does dim angen i ti ei anfon.
count-up-to = Gelli di ysgrifennu hyd at { $max } nod
count-under = { $count ->
    [zero] Mae gen ti { $count } nod ar ôl
    [one] Mae gen ti { $count } nod ar ôl
    [two] Mae gen ti { $count } nod ar ôl
    [few] Mae gen ti { $count } nod ar ôl
    [many] Mae gen ti { $count } nod ar ôl
   *[other] Mae gen ti { $count } nod ar ôl
}
count-at-limit = Mae gen ti 0 nod ar ôl
count-over = { $count ->
    [zero] Mae gen ti { $count } nod yn ormod
    [one] Mae gen ti { $count } nod yn ormod
    [two] Mae gen ti { $count } nod yn ormod
    [few] Mae gen ti { $count } nod yn ormod
    [many] Mae gen ti { $count } nod yn ormod
   *[other] Mae gen ti { $count } nod yn ormod
}

## Pictures

pictures-label = Sgrinluniau neu ffotograffau (dewisol)
pictures-hint = Hyd at 5 llun: PNG, JPEG neu WebP, pob un yn llai na 10 MB. Sgrinlun o neges neu bostiad sydd fwyaf defnyddiol yn aml.
pictures-privacy = Cyn i ni gadw dy luniau, rydyn ni'n tynnu allan ble cafodd llun ei dynnu a pha ffôn neu gamera a'i tynnodd, ac yn gwneud pob llun eto o'r hyn mae'n ei ddangos yn unig.
pictures-held = { $count ->
    [zero] Rydyn ni'n cadw'r { $count } llun a ddewisaist ti o'r blaen, a byddwn ni'n eu hanfon gyda dy adroddiad.
    [one] Rydyn ni'n cadw'r 1 llun a ddewisaist ti o'r blaen, a byddwn ni'n ei anfon gyda dy adroddiad.
    [two] Rydyn ni'n cadw'r { $count } lun a ddewisaist ti o'r blaen, a byddwn ni'n eu hanfon gyda dy adroddiad.
    [few] Rydyn ni'n cadw'r { $count } llun a ddewisaist ti o'r blaen, a byddwn ni'n eu hanfon gyda dy adroddiad.
    [many] Rydyn ni'n cadw'r { $count } llun a ddewisaist ti o'r blaen, a byddwn ni'n eu hanfon gyda dy adroddiad.
   *[other] Rydyn ni'n cadw'r { $count } llun a ddewisaist ti o'r blaen, a byddwn ni'n eu hanfon gyda dy adroddiad.
}
pictures-held-more = { $count ->
    [zero] Does dim angen i ti eu dewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn eu lle.
    [one] Does dim angen i ti ei ddewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn ei le.
    [two] Does dim angen i ti eu dewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn eu lle.
    [few] Does dim angen i ti eu dewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn eu lle.
    [many] Does dim angen i ti eu dewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn eu lle.
   *[other] Does dim angen i ti eu dewis eto. Os wyt ti'n dewis lluniau yma, byddwn ni'n anfon y rhai newydd yn eu lle.
}
pictures-chosen = { $count ->
    [zero] Dewisaist ti { $count } llun:
    [one] Dewisaist ti 1 llun:
    [two] Dewisaist ti { $count } lun:
    [few] Dewisaist ti { $count } llun:
    [many] Dewisaist ti { $count } llun:
   *[other] Dewisaist ti { $count } llun:
}
picture-preview = { $count ->
   *[other] Rhagolwg o lun { $count }
}

## The "in danger now" step

danger-heading = Os wyt ti mewn perygl nawr, ffonia 999
danger-call = Ffonia { $emergency } os yw rhywun yn dy frifo di, neu os wyt ti neu rywun arall mewn perygl ar hyn o bryd. Mae am ddim o unrhyw ffôn, hyd yn oed un heb gredyd.
danger-cannot-speak = Os elli di ddim siarad, ffonia 999, gwranda ar y cwestiynau, yna pesycha neu tapia'r ffôn. Ar ffôn symudol, pwysa 55 pan fyddan nhw'n gofyn a bydd yr heddlu'n gwybod ei fod yn argyfwng.
danger-childline = I siarad â rhywun nawr, ffonia Childline am ddim ar { $childline }, unrhyw bryd, ddydd neu nos.
danger-not-sent = Dyw dy adroddiad ddim wedi cael ei anfon eto. Mae staff yn { $school } yn darllen adroddiadau { $hours }, felly efallai na fyddan nhw'n ei weld ar unwaith.
danger-pictures-held = { $count ->
    [zero] Bydd y { $count } llun a ddewisaist ti yn cael eu hanfon gyda dy adroddiad. Rydyn ni'n eu cadw am 30 munud tra byddi di'n penderfynu.
    [one] Bydd yr 1 llun a ddewisaist ti yn cael ei anfon gyda dy adroddiad. Rydyn ni'n ei gadw am 30 munud tra byddi di'n penderfynu.
    [two] Bydd y { $count } lun a ddewisaist ti yn cael eu hanfon gyda dy adroddiad. Rydyn ni'n eu cadw am 30 munud tra byddi di'n penderfynu.
    [few] Bydd y { $count } llun a ddewisaist ti yn cael eu hanfon gyda dy adroddiad. Rydyn ni'n eu cadw am 30 munud tra byddi di'n penderfynu.
    [many] Bydd y { $count } llun a ddewisaist ti yn cael eu hanfon gyda dy adroddiad. Rydyn ni'n eu cadw am 30 munud tra byddi di'n penderfynu.
   *[other] Bydd y { $count } llun a ddewisaist ti yn cael eu hanfon gyda dy adroddiad. Rydyn ni'n eu cadw am 30 munud tra byddi di'n penderfynu.
}
danger-send = Anfon fy adroddiad nawr
danger-go-back = Mynd yn ôl a'i newid

## The receipt

sent-heading = Mae dy adroddiad wedi cael ei anfon
sent-thanks = Diolch am ddweud wrthon ni.
receipt-heading = Dy god derbynneb
receipt-label = Cod derbynneb: { $code }
receipt-write-down = Ysgrifenna'r cod hwn neu tynna lun ohono nawr.
receipt-why = Mae angen y cod arnat ti i ddarllen atebion ac i ychwanegu mwy at dy adroddiad. Unwaith y byddi di'n gadael y dudalen hon, allwn ni ddim ei ddangos i ti eto. Does neb yn gallu chwilio amdano i ti.
receipt-private = Cadwa fe rywle preifat. Gall unrhyw un sydd â'r cod ddarllen dy adroddiad.
receipt-print = Argraffu neu gadw'r dudalen hon
receipt-pictures-kept = { $count ->
    [zero] Rydyn ni wedi cadw { $count } llun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
    [one] Rydyn ni wedi cadw 1 llun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
    [two] Rydyn ni wedi cadw { $count } lun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
    [few] Rydyn ni wedi cadw { $count } llun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
    [many] Rydyn ni wedi cadw { $count } llun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
   *[other] Rydyn ni wedi cadw { $count } llun gyda dy adroddiad, heb wybodaeth am ble cafodd llun ei dynnu na pha ffôn a'i tynnodd.
}
receipt-pictures-lost = { $count ->
    [zero] Chafodd y { $count } llun a ddewisaist ti o'r blaen mo'u hanfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w hanfon, dos i { $link }, teipia dy god a'u dewis eto.
    [one] Chafodd yr 1 llun a ddewisaist ti o'r blaen mo'i anfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w anfon, dos i { $link }, teipia dy god a'i ddewis eto.
    [two] Chafodd y { $count } lun a ddewisaist ti o'r blaen mo'u hanfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w hanfon, dos i { $link }, teipia dy god a'u dewis eto.
    [few] Chafodd y { $count } llun a ddewisaist ti o'r blaen mo'u hanfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w hanfon, dos i { $link }, teipia dy god a'u dewis eto.
    [many] Chafodd y { $count } llun a ddewisaist ti o'r blaen mo'u hanfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w hanfon, dos i { $link }, teipia dy god a'u dewis eto.
   *[other] Chafodd y { $count } llun a ddewisaist ti o'r blaen mo'u hanfon: dim ond am 30 munud rydyn ni'n cadw lluniau. I'w hanfon, dos i { $link }, teipia dy god a'u dewis eto.
}
next-heading = Beth sy'n digwydd nesaf
next-urgent = Dywedaist ti fod hyn yn digwydd nawr, felly mae dy adroddiad wedi'i nodi'n un brys.
next-urgent-on-call = Dywedaist ti fod hyn yn digwydd nawr. Mae hi y tu allan i oriau ysgol, ond mae rhywun o { $school } ar alwad nawr ac mae wedi cael gwybod.
next-urgent-nobody = Mae hi y tu allan i oriau ysgol a does neb ar alwad. Fydd neb yn darllen hwn tan { $day ->
         [mon] ddydd Llun
         [tue] ddydd Mawrth
         [wed] ddydd Mercher
         [thu] ddydd Iau
         [fri] ddydd Gwener
         [sat] ddydd Sadwrn
        *[sun] ddydd Sul
    } am { $time }.
next-urgent-call = Os wyt ti mewn perygl, ffonia { $phone } nawr.
next-staff-read = Mae staff yn { $school } yn darllen adroddiadau { $hours }.
next-staff-reply = Byddan nhw'n darllen beth ysgrifennaist ti ac yn penderfynu sut i helpu. Efallai y byddan nhw'n dy ateb di yma.
receipt-read-replies = I ddarllen ateb neu ychwanegu mwy, dos i { $link } a theipia dy god.
already-sent-heading = Roedd dy adroddiad wedi cael ei anfon yn barod
already-sent-text = Mae dy adroddiad i { $school } gyda ni, felly wnaethon ni ddim ei anfon eto. Cafodd ei god derbynneb ei ddangos pan anfonaist ti fe, ac allwn ni ddim ei ddangos eto.
already-sent-next = Os ysgrifennaist ti'r cod, dos i { $link } i ddarllen atebion ac ychwanegu mwy. Os naddo, { $new } a dywed ei fod am yr un peth.
send-new-report = anfona adroddiad newydd

## Coming back with a receipt code

code-intro = Defnyddia'r cod derbynneb a gest ti pan anfonaist ti dy adroddiad. Gelli di ddarllen atebion ac ychwanegu mwy.
code-label = Dy god derbynneb
code-hint = Mae ganddo 20 o lythrennau a rhifau, fel 7KQ3 9XMA 2HD4 PQ8R T6WZ. Does dim ots am fylchau a phriflythrennau.
continue = Parhau
code-lost = Wedi colli dy god? Allwn ni ddim dod o hyd iddo i ti, achos does neb yn gallu gweld pwy anfonodd adroddiad.
code-lost-new = Gelli di anfon adroddiad newydd a dweud ei fod am yr un peth.
code-expires = Pan fydd adroddiad wedi cael sylw ac wedi'i gau, mae'n cael ei ddileu ar ôl tipyn, ac mae ei god yn stopio gweithio.
your-report = Dy adroddiad
status-new = Mae dy adroddiad gan staff yn { $school }.
status-seen = Gwelodd rhywun yn { $school } dy adroddiad ar { $when }.
status-open = Mae staff yn { $school } yn gweithio ar dy adroddiad.
status-closed = Mae staff yn { $school } wedi gorffen gweithio ar yr adroddiad hwn.
closed-reopens = Mae'r staff wedi gorffen gweithio ar yr adroddiad hwn. Os wyt ti'n ysgrifennu eto, mae'n agor eto ac maen nhw'n cael gwybod.
message-label = Ychwanegu mwy neu ateb
message-hint = Dim ond y staff a gafodd dy adroddiad sy'n gallu darllen hwn.
send = Anfon
message-sent = Mae dy neges wedi cael ei hanfon
messages-heading = Negeseuon
no-replies = Dim atebion eto. Mae staff yn darllen adroddiadau { $hours }. Edrycha eto yn nes ymlaen.
newest-first = Mae'r neges fwyaf newydd gyntaf.
from-you = Ti
from-staff = Staff yn { $school }
told-heading = Beth ddywedaist ti wrthon ni
told-sent-to = Anfonwyd at
told-sent-on = Anfonwyd ar
told-kind = Pa fath o beth
told-where = Ble
told-when = Pryd
told-who = Pwy oedd yn rhan o'r peth
told-name = Dy enw
told-contact = Sut i gysylltu â ti
told-pictures = { $count ->
    [zero] Rwyt ti wedi anfon { $count } llun. Dim ond y staff a gafodd dy adroddiad sy'n gallu eu gweld.
    [one] Rwyt ti wedi anfon 1 llun. Dim ond y staff a gafodd dy adroddiad sy'n gallu ei weld.
    [two] Rwyt ti wedi anfon { $count } lun. Dim ond y staff a gafodd dy adroddiad sy'n gallu eu gweld.
    [few] Rwyt ti wedi anfon { $count } llun. Dim ond y staff a gafodd dy adroddiad sy'n gallu eu gweld.
    [many] Rwyt ti wedi anfon { $count } llun. Dim ond y staff a gafodd dy adroddiad sy'n gallu eu gweld.
   *[other] Rwyt ti wedi anfon { $count } llun. Dim ond y staff a gafodd dy adroddiad sy'n gallu eu gweld.
}
finish = Gorffen a mynd i'r hafan
talk-heading = Siarad â rhywun yn yr ysgol
talk-intro = Os hoffet ti siarad â rhywun, pwysa'r botwm. Bydd y staff a gafodd dy adroddiad yn cael gwybod dy fod wedi gofyn. Fyddan nhw ddim yn gwybod pwy wyt ti oni bai dy fod yn rhoi dy enw.
talk-button = Hoffwn i siarad â rhywun yn yr ysgol
talk-done = Rydyn ni wedi dweud wrth yr ysgol yr hoffet ti siarad â rhywun
talk-asked = Gofynnaist ti am gael siarad â rhywun yn yr ysgol. Mae'r staff a gafodd dy adroddiad yn gwybod hyn. Galli di ychwanegu dy enw isod er mwyn iddyn nhw allu dod o hyd i ti.
later-heading = Rhoi dy enw
later-intro = Galli di ddweud wrthon ni dy enw a sut i gysylltu â ti unrhyw bryd. Bydd y staff a gafodd dy adroddiad yn gweld dy enw.
later-kept = Mae adroddiadau sydd ag enw yn cael eu cadw'n hirach cyn eu dileu.
later-name-label = Dy enw
later-contact-label = Sut i gysylltu â ti, os wyt ti eisiau dweud
later-button = Ychwanegu fy enw at fy adroddiad
later-done = Mae dy enw wedi cael ei ychwanegu at dy adroddiad

## Messages about what was typed or chosen

msg-and-kept = { $problem }. Rydyn ni wedi cadw popeth ysgrifennaist ti.
msg-report-category-missing = Dewisa pa fath o beth sy'n digwydd
msg-report-location-missing = Dewisa ble digwyddodd e
msg-report-happening-now-missing = Dewisa 'Ie' os yw'n digwydd nawr neu os wyt ti mewn perygl
msg-report-about-missing = Dewisa a yw hyn am oedolyn sy'n gweithio yn dy ysgol
msg-report-what-missing = Dywed wrthon ni beth ddigwyddodd
msg-report-what-too-long = Rhaid i 'Beth ddigwyddodd' fod yn 5,000 nod neu lai. Anfona'r rhan bwysicaf nawr: gelli di ychwanegu mwy yn nes ymlaen gyda dy god derbynneb
msg-report-when-too-long = Rhaid i 'Pryd digwyddodd e' fod yn 500 nod neu lai
msg-report-who-too-long = Rhaid i 'Pwy oedd yn rhan o'r peth' fod yn 2,000 nod neu lai
msg-report-name-too-long = Rhaid i dy enw fod yn 200 nod neu lai
msg-report-contact-too-long = Rhaid i 'Sut i gysylltu â ti' fod yn 500 nod neu lai
msg-report-busy = Mae llawer o adroddiadau'n cael eu hanfon o dy ysgol neu dy gartref ar hyn o bryd. Arhosa funud, yna pwysa Anfon yr adroddiad eto. Rydyn ni wedi cadw beth ysgrifennaist ti
msg-picture-heic = Does dim modd anfon lluniau o iPhone (HEIC) yma. Tynna sgrinlun o'r llun, yna dewisa'r sgrinlun yn lle
msg-picture-kind = Dyw un o'r ffeiliau a ddewisaist ti ddim yn llun y gallwn ni ei gymryd. Dewisa lun PNG, JPEG neu WebP, neu sgrinlun
msg-picture-mismatch = Dyw un o'r ffeiliau a ddewisaist ti ddim y math o lun mae ei enw'n ei ddweud. Tynna sgrinlun ohono a dewisa hwnnw yn lle
msg-picture-too-large = Mae un o'r lluniau a ddewisaist ti yn rhy fawr i'w agor. Tynna sgrinlun ohono a dewisa hwnnw yn lle
msg-picture-unreadable = Doedd dim modd agor un o'r lluniau a ddewisaist ti. Tynna sgrinlun ohono a dewisa hwnnw yn lle
msg-picture-empty = Mae un o'r lluniau a ddewisaist ti yn wag. Dewisa fe eto
msg-picture-too-big = Mae un o'r lluniau a ddewisaist ti yn rhy fawr. Rhaid i bob llun fod yn llai na 10 MB. Tynna sgrinlun ohono a dewisa hwnnw yn lle
msg-picture-too-many = Gelli di anfon hyd at 5 llun ar y tro. Dewisa 5 neu lai, ac anfona'r gweddill wedyn gyda dy god derbynneb
msg-picture-too-much = Rhaid i dy luniau i gyd gyda'i gilydd fod yn llai na 25 MB. Dewisa lai, ac anfona'r gweddill wedyn gyda dy god derbynneb
msg-picture-busy = Mae llawer o luniau'n cael eu hanfon o dy ysgol neu dy gartref ar hyn o bryd. Arhosa funud, yna dewisa dy luniau ac anfona eto
msg-picture-not-kept = Wnaethon ni ddim cadw dy lun. Dydyn ni byth yn cadw lluniau gyda'r math hwn o adroddiad, felly does dim rhaid i neb ei weld. Dywed wrthon ni mewn geiriau yn lle hynny
msg-followup-code-missing = Rho dy god derbynneb
msg-followup-code-not-found = Allen ni ddim dod o hyd i adroddiad gyda'r cod yna. Gwiria fe a rho gynnig arall arni: mae ganddo 20 o lythrennau a rhifau
msg-followup-message-missing = Ysgrifenna dy neges cyn i ti ei hanfon
msg-followup-message-too-long = Rhaid i dy neges fod yn 5,000 nod neu lai. Anfona'r rhan bwysicaf yn gyntaf
msg-followup-name-missing = Ysgrifenna dy enw neu sut i gysylltu â ti

## Pages for when something goes wrong

error-404-title = Heb ddod o hyd i'r dudalen
error-404-text-1 = Allen ni ddim dod o hyd i'r dudalen honno. Efallai fod y cyfeiriad yn anghywir, neu fod y dudalen wedi symud.
error-400-title = Roedd rhywbeth o'i le gyda'r hyn a anfonwyd
error-400-text-1 = Allen ni ddim deall beth anfonodd dy borwr. Dos yn ôl a rho gynnig arall arni.
error-403-title = Mae'r dudalen hon wedi dod i ben
error-403-text-1 = Er mwyn dy ddiogelwch, mae ffurflenni'n stopio gweithio ar ôl tipyn. Dos yn ôl, ail-lwytha'r dudalen a rho gynnig arall arni.
error-405-title = Wnaeth hynny ddim gweithio
error-405-text-1 = Dos yn ôl a rho gynnig arall arni, neu dechreua o'r hafan.
error-413-title = Mae beth anfonaist ti yn rhy hir
error-413-text-1 = Dos yn ôl a'i wneud yn fyrrach. Os oes gen ti lawer i'w ddweud, anfona'r rhan bwysicaf yn gyntaf. Gelli di ychwanegu mwy yn nes ymlaen gyda dy god derbynneb.
error-429-title = Rwyt ti wedi trio gormod o weithiau
error-429-text-1 = Arhosa ychydig funudau, yna rho gynnig arall arni. Mae hyn yn atal pobl eraill rhag dyfalu codau neu anfon llawer o adroddiadau.
error-503-title = Mae'n ddrwg gennym, mae'r wefan yn brysur
error-503-text-1 = Rho gynnig arall arni mewn ychydig funudau. Os oeddet ti'n anfon adroddiad, dyw e ddim wedi cael ei anfon eto, felly anfona fe eto.
error-500-title = Mae'n ddrwg gennym, aeth rhywbeth o'i le
error-500-text-1 = Aeth rhywbeth o'i le ar ein hochr ni. Nid dy fai di yw e.
error-500-text-2 = Os oeddet ti'n anfon adroddiad, rho gynnig arall arni mewn ychydig funudau.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Yn poeni am rywbeth? Dywed wrthon ni'n ddiogel.
poster-heading-1 = Yn poeni am rywbeth?
poster-heading-2 = Dywed wrthon ni'n ddiogel.
poster-intro = Gelli di roi gwybod am fwlio, cyllyll, gangiau, cam-drin ar-lein neu unrhyw beth sy'n dy boeni, o'r ysgol, o gartref neu o unrhyw le. Does dim rhaid i ti roi dy enw.
poster-intro-1 = Rho wybod am fwlio, cyllyll, gangiau, cam-drin ar-lein neu unrhyw beth sy'n dy boeni,
poster-intro-2 = o'r ysgol, o gartref neu o unrhyw le. Does dim rhaid i ti roi dy enw.
poster-qr-label = Cod QR ar gyfer y cyfeiriad isod
poster-hours-heading = Pryd mae adroddiadau'n cael eu darllen
poster-hours = { $hours }. Does neb yn gwylio adroddiadau drwy'r amser.
poster-hours-line = Mae adroddiadau'n cael eu darllen: { $hours }
poster-danger = Mewn perygl nawr? Ffonia 999. I siarad â rhywun nawr, ffonia Childline am ddim ar 0800 1111, unrhyw bryd.
poster-danger-1 = Mewn perygl nawr? Ffonia 999.
poster-danger-2 = I siarad â rhywun nawr, ffonia Childline am ddim ar 0800 1111.
