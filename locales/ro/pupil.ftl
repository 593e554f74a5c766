### Confide pupil pages — Romanian
## review: machine-assisted, not yet checked by a fluent speaker
#
# Translated from locales/en-GB/pupil.ftl. Same keys as English. Keep 999, 0800 1111,
# service names and every { $value } exactly as they are. Addresses the pupil as "tu".
# Plural forms: one (1), few (0, 2-19: "3 poze"), other (20 and more: "20 de poze").

## The layout of every page

page-title = { $title } – Confide
skip-link = Sari la conținutul principal
banner-label = Ajutor de urgență
banner-text = Ești în pericol acum? Sună la { $emergency }. Childline { $childline }
service-label = Informații despre serviciu
service-name = Cere ajutor și raportează ceva
menu = Meniu
nav-advice = Sfaturi și videoclipuri
nav-report = Raportează ceva
nav-followup = Vezi dacă ai un răspuns
nav-safety = Cum folosești acest site în siguranță
exit-hidden = Urgență
exit-button = Ieși de pe această pagină
exit-activated = Se încarcă.
exit-timed-out = Timpul pentru „Ieși de pe această pagină” a expirat.
exit-press-two = Shift, mai apasă de 2 ori ca să ieși.
exit-press-one = Shift, mai apasă 1 dată ca să ieși.
footer-heading = Linkuri de ajutor
footer-privacy = Acest site nu folosește cookie-uri pentru elevi, nu te urmărește și nu îți înregistrează adresa de internet.
language-menu = Limbi
# The offer of this page in your language, to a browser that asks for it.
offer-language = Această pagină este disponibilă și în limba română.
# On a long page not yet translated into your language: name your language.
not-translated = Această pagină nu este încă în limba română, așa că este în engleză.
go-home = Mergi la pagina principală
warning = Atenție
success = Gata
inset-danger = Dacă ești în pericol acum, sună la { $emergency }.
inset-childline = Ca să vorbești cu cineva acum, sună gratuit la Childline, la { $childline }, oricând, zi și noapte. Apelul nu va apărea pe factura de telefon.

## The home page, a school's page and finding a school

home-heading = Te îngrijorează ceva? Ne poți spune.
no-name-needed = Nu trebuie să îți spui numele.
home-what = Spune-i școlii tale despre orice te îngrijorează. Ne poți spune despre bullying, despre cineva care te rănește sau te sperie, despre arme, bande, droguri, despre ceva ce se întâmplă acasă sau online sau despre orice altceva. Poate fi despre tine sau despre altcineva.
school-tell = Spune-i școlii { $school } despre orice te îngrijorează.
school-hours = Personalul citește rapoartele { $hours }.
school-outside-hours = În afara acestor ore, s-ar putea ca nimeni să nu îți vadă raportul imediat. Așa că, dacă ai nevoie de ajutor acum, folosește numerele de mai jos.
find-school = Găsește-ți școala
find-school-report = La ce școală mergi?
find-school-intro = Pagina școlii tale are sfaturi, videoclipuri și un mod de a le spune celor care se ocupă acolo de siguranța elevilor.
find-school-report-intro = Raportul tău ajunge la cei care se ocupă de siguranța elevilor la școala ta.
search-school = Caută-ți școala
search-hint = Scrie câteva litere din numele ei.
search-button = Caută
no-school-matches = Nicio școală nu se potrivește cu „{ $typed }”. Verifică ortografia sau încearcă mai puține litere.
no-schools-yet = Nicio școală nu folosește încă acest site.
schools-match-none = Nicio școală nu se potrivește. Verifică ortografia sau încearcă mai puține litere.
schools-match = { $count ->
    [one] Se potrivește { $count } școală.
    [few] Se potrivesc { $count } școli.
   *[other] Se potrivesc { $count } de școli.
}
school-not-here = Dacă școala ta nu este aici, le poți spune celor de la { $fearless } despre o infracțiune fără să îți spui numele sau poți suna la Childline, la { $childline }.

## Topic pages and other long pages

video-cannot-play = Browserul tău nu poate reda acest videoclip. Poți citi mai jos ce spune sau poți { $link }.
video-download = descărca videoclipul
transcript-heading = Ce spune videoclipul (transcriere)
tell-someone = Spune cuiva
topic-tell = Dacă ți se întâmplă ție sau cuiva pe care îl cunoști, îi poți spune școlii tale aici. Nu trebuie să îți spui numele.
topic-tell-school = Dacă ți se întâmplă ție sau cuiva pe care îl cunoști, îi poți spune școlii { $school } aici. Nu trebuie să îți spui numele.
helplines-heading = Cine altcineva te poate ajuta
helpline-phone = Telefon: { $phone }
helpline-website = Site-ul { $name }
opens-another-site = (deschide alt site)
listen = Ascultă
listen-stop = Oprește

## The report form

error-title = Eroare: { $title }
error-summary-title = Există o problemă
error-prefix = Eroare:
report-heading = Spune-ne ce se întâmplă
report-intro = Durează cam 3 minute. Nu trebuie să îți spui numele.
report-goes-to = Raportul tău ajunge doar la cei care se ocupă de siguranța elevilor la { $school } și la polițistul școlii. Ei citesc rapoartele { $hours }.
category-legend = Ce fel de lucru se întâmplă?
category-hint = Alege ce se potrivește cel mai bine.
category-bullying = Bullying
category-online-bullying = Bullying online sau trimiterea de poze
category-nude-image = Cineva are sau distribuie o poză ori un video nud sau sexual cu mine
category-sextortion = Cineva amenință că o va distribui sau îmi cere bani
category-weapons = Cuțite sau alte arme
category-gangs = Bande
category-drugs-alcohol = Droguri sau alcool
category-hurt-threatened = Cineva mă rănește sau mă amenință
category-home = Ceva acasă
category-sexual = Hărțuire sau abuz sexual
category-hate = Ură sau rasism
category-extremism = Idei extreme sau extremism
category-theft-damage = Furt sau distrugeri
category-other = Altceva
location-legend = Unde s-a întâmplat?
location-classroom = Într-o clasă
location-corridor = Pe un hol sau pe scări
location-toilets = La toalete
location-playground = În curtea școlii sau pe teren
location-canteen = La cantină
location-journey = Pe drumul spre școală sau de la școală
location-transport = În autobuz, în tren sau în alt mijloc de transport
location-online = Online sau pe telefon
location-near-school = Lângă școală
location-home = Acasă
location-elsewhere = În altă parte
happening-now-legend = Se întâmplă acum sau ești în pericol?
answer-yes = Da
answer-no = Nu
about-legend = Este despre un adult care lucrează la școala ta?
about-hint = De exemplu un profesor, un asistent de profesor, un antrenor sau cineva de la secretariat. Dacă da, raportul tău ajunge la alți oameni.
about-no = Nu
about-staff = Da, un adult care lucrează la școală
about-head = Da, directorul școlii
what-label = Ce s-a întâmplat?
what-hint = Spune cu cuvintele tale. Scrie tot ce crezi că e important.
when-label = Când s-a întâmplat? (opțional)
when-hint = De exemplu: ieri la prânz, în fiecare luni, din septembrie.
who-label = Cine a fost implicat? (opțional)
who-hint = Nume, cum arată sau în ce clasă sunt, dacă știi.
about-you-heading = Despre tine (opțional)
about-you-optional = Nu trebuie să ne spui cine ești.
about-you-why = Dacă ne spui, personalul poate vorbi cu tine și te poate ajuta mai repede.
name-label = Numele tău (opțional)
contact-label = Cum să luăm legătura cu tine? (opțional)
contact-hint = De exemplu: clasa ta sau o oră sigură ca să vorbim.
send-report = Trimite raportul

## A nude or sexual picture of you

nude-entry = Distribuie cineva o poză nud cu tine sau amenință că o va face?
nude-never-send = Nu trimite niciodată poza sau videoclipul nimănui, nici măcar nouă.
nude-no-upload = Nu trebuie să o vedem, așa că nu poți adăuga poze la acest raport. Spune-ne doar în cuvinte ce se întâmplă.
nude-help-link = Ce poți face acum dacă cineva distribuie o poză nud cu tine sau spune că o va face
nude-next = Personalul nu îți va cere poza. Nu este vina ta. Poți face câteva lucruri chiar acum, de exemplu să ceri ca poza să fie ștearsă de pe internet.
nude-tell = Poți spune școlii tale ce se întâmplă. Nu trebuie să îți dai numele și nu trebuie niciodată să trimiți poza.
pictures-not-kept = Ai ales o poză, dar nu am păstrat-o. Nu păstrăm niciodată poze la acest tip de raport, ca nimeni să nu fie nevoit să o vadă. Nu trebuie să o trimiți.
count-up-to = Poți scrie până la { $max } de caractere
count-under = { $count ->
    [one] Mai ai { $count } caracter
    [few] Mai ai { $count } caractere
   *[other] Mai ai { $count } de caractere
}
count-at-limit = Mai ai 0 caractere
count-over = { $count ->
    [one] Ai cu { $count } caracter prea mult
    [few] Ai cu { $count } caractere prea mult
   *[other] Ai cu { $count } de caractere prea mult
}

## Pictures

pictures-label = Capturi de ecran sau fotografii (opțional)
pictures-hint = Până la 5 poze: PNG, JPEG sau WebP, fiecare mai mică de 10 MB. O captură de ecran cu un mesaj sau o postare este deseori cea mai utilă.
pictures-privacy = Înainte să îți păstrăm pozele, scoatem informațiile despre locul unde a fost făcută o fotografie și telefonul sau aparatul cu care a fost făcută și refacem fiecare poză doar din ce se vede în ea.
pictures-held = { $count ->
    [one] Păstrăm 1 poză pe care ai ales-o mai devreme și o vom trimite cu raportul tău.
    [few] Păstrăm cele { $count } poze pe care le-ai ales mai devreme și le vom trimite cu raportul tău.
   *[other] Păstrăm cele { $count } de poze pe care le-ai ales mai devreme și le vom trimite cu raportul tău.
}
pictures-held-more = { $count ->
    [one] Nu trebuie să o alegi din nou. Dacă alegi poze aici, le trimitem pe cele noi în locul ei.
    [few] Nu trebuie să le alegi din nou. Dacă alegi poze aici, le trimitem pe cele noi în locul lor.
   *[other] Nu trebuie să le alegi din nou. Dacă alegi poze aici, le trimitem pe cele noi în locul lor.
}
pictures-chosen = { $count ->
    [one] Ai ales 1 poză:
    [few] Ai ales { $count } poze:
   *[other] Ai ales { $count } de poze:
}
picture-preview = { $count ->
   *[other] Previzualizarea pozei { $count }
}

## The "in danger now" step

danger-heading = Dacă ești în pericol acum, sună la 999
danger-call = Sună la { $emergency } dacă cineva te rănește sau dacă tu ori altcineva sunteți în pericol chiar acum. Apelul este gratuit de pe orice telefon, chiar și fără credit.
danger-cannot-speak = Dacă nu poți vorbi, sună la 999, ascultă întrebările, apoi tușește sau bate ușor în telefon. De pe un mobil, apasă 55 când ți se cere și poliția va ști că este o urgență.
danger-childline = Ca să vorbești cu cineva acum, sună gratuit la Childline, la { $childline }, oricând, zi și noapte.
danger-not-sent = Raportul tău nu a fost trimis încă. Personalul de la { $school } citește rapoartele { $hours }, așa că s-ar putea să nu îl vadă imediat.
danger-pictures-held = { $count ->
    [one] 1 poză pe care ai ales-o va fi trimisă cu raportul tău. O păstrăm 30 de minute cât timp te hotărăști.
    [few] Cele { $count } poze pe care le-ai ales vor fi trimise cu raportul tău. Le păstrăm 30 de minute cât timp te hotărăști.
   *[other] Cele { $count } de poze pe care le-ai ales vor fi trimise cu raportul tău. Le păstrăm 30 de minute cât timp te hotărăști.
}
danger-send = Trimite raportul acum
danger-go-back = Mergi înapoi și schimbă-l

## The receipt

sent-heading = Raportul tău a fost trimis
sent-thanks = Îți mulțumim că ne-ai spus.
receipt-heading = Codul tău de confirmare
receipt-label = Cod de confirmare: { $code }
receipt-write-down = Scrie acest cod pe o hârtie sau fă-i o poză acum.
receipt-why = Ai nevoie de el ca să citești răspunsurile și ca să adaugi ceva la raport. După ce pleci de pe această pagină, nu ți-l mai putem arăta. Nimeni nu îl poate căuta pentru tine.
receipt-private = Păstrează-l într-un loc privat. Oricine are codul îți poate citi raportul.
receipt-print = Printează sau salvează această pagină
receipt-pictures-kept = { $count ->
    [one] Am păstrat 1 poză cu raportul tău, fără informațiile despre locul unde a fost făcută o fotografie și telefonul cu care a fost făcută.
    [few] Am păstrat { $count } poze cu raportul tău, fără informațiile despre locul unde a fost făcută o fotografie și telefonul cu care a fost făcută.
   *[other] Am păstrat { $count } de poze cu raportul tău, fără informațiile despre locul unde a fost făcută o fotografie și telefonul cu care a fost făcută.
}
receipt-pictures-lost = { $count ->
    [one] 1 poză pe care ai ales-o mai devreme nu a fost trimisă: păstrăm pozele doar 30 de minute. Ca să o trimiți, mergi la { $link }, scrie-ți codul și alege-o din nou.
    [few] Cele { $count } poze pe care le-ai ales mai devreme nu au fost trimise: păstrăm pozele doar 30 de minute. Ca să le trimiți, mergi la { $link }, scrie-ți codul și alege-le din nou.
   *[other] Cele { $count } de poze pe care le-ai ales mai devreme nu au fost trimise: păstrăm pozele doar 30 de minute. Ca să le trimiți, mergi la { $link }, scrie-ți codul și alege-le din nou.
}
next-heading = Ce se întâmplă mai departe
next-urgent = Ai spus că se întâmplă acum, așa că raportul tău este marcat ca urgent.
next-urgent-on-call = Ai spus că se întâmplă acum. Este în afara programului școlii, dar cineva de la { $school } este de gardă acum și a fost anunțat.
next-urgent-nobody = Este în afara programului școlii și nimeni nu este de gardă. Nimeni nu va citi asta până { $day ->
         [mon] luni
         [tue] marți
         [wed] miercuri
         [thu] joi
         [fri] vineri
         [sat] sâmbătă
        *[sun] duminică
    } la ora { $time }.
next-urgent-call = Dacă ești în pericol, sună acum la { $phone }.
next-staff-read = Personalul de la { $school } citește rapoartele { $hours }.
next-staff-reply = Vor citi ce ai scris și vor hotărî cum să te ajute. S-ar putea să îți răspundă aici.
receipt-read-replies = Ca să citești un răspuns sau să adaugi ceva, mergi la { $link } și scrie-ți codul.
already-sent-heading = Raportul tău a fost deja trimis
already-sent-text = Avem deja raportul tău pentru { $school }, așa că nu l-am trimis din nou. Codul lui de confirmare a fost afișat când l-ai trimis și nu îl mai putem arăta.
already-sent-next = Dacă ți-ai notat codul, mergi la { $link } ca să citești răspunsurile și să adaugi ceva. Dacă nu, { $new } și spune că este despre același lucru.
send-new-report = trimite un raport nou

## Coming back with a receipt code

code-intro = Folosește codul de confirmare pe care l-ai primit când ai trimis raportul. Poți citi răspunsurile și poți adăuga ceva.
code-label = Codul tău de confirmare
code-hint = Are 20 de litere și cifre, de exemplu 7KQ3 9XMA 2HD4 PQ8R T6WZ. Spațiile și literele mari nu contează.
continue = Continuă
code-lost = Ți-ai pierdut codul? Nu îl putem găsi pentru tine, pentru că nimeni nu poate vedea cine a trimis un raport.
code-lost-new = Poți trimite un raport nou și poți spune că este despre același lucru.
code-expires = După ce un raport a fost rezolvat și închis, este șters după o vreme, iar codul lui nu mai funcționează.
your-report = Raportul tău
status-new = Personalul de la { $school } a primit raportul tău.
status-seen = Cineva de la { $school } a văzut raportul tău la { $when }.
status-open = Personalul de la { $school } se ocupă de raportul tău.
status-closed = Personalul de la { $school } a terminat de lucrat la acest raport.
closed-reopens = Personalul a terminat de lucrat la acest raport. Dacă scrii din nou, raportul se redeschide și ei sunt anunțați.
message-label = Adaugă ceva sau răspunde
message-hint = Doar persoanele la care a ajuns raportul tău pot citi asta.
send = Trimite
message-sent = Mesajul tău a fost trimis
messages-heading = Mesaje
no-replies = Încă nu există răspunsuri. Personalul citește rapoartele { $hours }. Verifică din nou mai târziu.
newest-first = Cel mai nou mesaj este primul.
from-you = Tu
from-staff = Personalul de la { $school }
told-heading = Ce ne-ai spus
told-sent-to = Trimis către
told-sent-on = Trimis pe
told-kind = Ce fel de lucru
told-where = Unde
told-when = Când
told-who = Cine a fost implicat
told-name = Numele tău
told-contact = Cum putem lua legătura cu tine
told-pictures = { $count ->
    [one] Ai trimis 1 poză. Doar persoanele la care a ajuns raportul tău o pot vedea.
    [few] Ai trimis { $count } poze. Doar persoanele la care a ajuns raportul tău le pot vedea.
   *[other] Ai trimis { $count } de poze. Doar persoanele la care a ajuns raportul tău le pot vedea.
}
finish = Termină și mergi la pagina principală
talk-heading = Vorbește cu cineva de la școală
talk-intro = Dacă vrei să vorbești cu cineva, apasă butonul. Personalul la care a ajuns raportul tău va afla că ai cerut asta. Nu vor ști cine ești decât dacă îți spui numele.
talk-button = Aș vrea să vorbesc cu cineva de la școală
talk-done = Am spus școlii că ai vrea să vorbești cu cineva
talk-asked = Ai cerut să vorbești cu cineva de la școală. Personalul la care a ajuns raportul tău știe asta. Poți adăuga numele tău mai jos, ca să te poată găsi.
later-heading = Spune-ne numele tău
later-intro = Ne poți spune oricând numele tău și cum te putem contacta. Personalul la care a ajuns raportul tău îți va vedea numele.
later-kept = Rapoartele cu nume sunt păstrate mai mult timp înainte de a fi șterse.
later-name-label = Numele tău
later-contact-label = Cum te putem contacta, dacă vrei să ne spui
later-button = Adaugă numele meu la raport
later-done = Numele tău a fost adăugat la raport

## Messages about what was typed or chosen

msg-and-kept = { $problem }. Am păstrat tot ce ai scris.
msg-report-category-missing = Alege ce fel de lucru se întâmplă
msg-report-location-missing = Alege unde s-a întâmplat
msg-report-happening-now-missing = Alege „Da” dacă se întâmplă acum sau dacă ești în pericol
msg-report-about-missing = Alege dacă este despre un adult care lucrează la școala ta
msg-report-what-missing = Spune-ne ce s-a întâmplat
msg-report-what-too-long = „Ce s-a întâmplat” trebuie să aibă cel mult 5.000 de caractere. Trimite acum partea cea mai importantă: poți adăuga mai mult mai târziu cu codul de confirmare
msg-report-when-too-long = „Când s-a întâmplat” trebuie să aibă cel mult 500 de caractere
msg-report-who-too-long = „Cine a fost implicat” trebuie să aibă cel mult 2.000 de caractere
msg-report-name-too-long = Numele tău trebuie să aibă cel mult 200 de caractere
msg-report-contact-too-long = „Cum să luăm legătura cu tine” trebuie să aibă cel mult 500 de caractere
msg-report-busy = Chiar acum se trimit multe rapoarte de la școala ta sau de acasă. Așteaptă un minut, apoi apasă din nou Trimite raportul. Am păstrat ce ai scris
msg-picture-heic = Fotografiile de pe iPhone (HEIC) nu pot fi trimise aici. Fă o captură de ecran cu fotografia, apoi alege captura de ecran
msg-picture-kind = Un fișier pe care l-ai ales nu este o poză pe care o putem primi. Alege o poză PNG, JPEG sau WebP sau o captură de ecran
msg-picture-mismatch = Un fișier pe care l-ai ales nu este tipul de poză pe care îl arată numele lui. Fă o captură de ecran cu el și alege captura de ecran
msg-picture-too-large = O poză pe care ai ales-o este prea mare ca să fie deschisă. Fă o captură de ecran cu ea și alege captura de ecran
msg-picture-unreadable = O poză pe care ai ales-o nu a putut fi deschisă. Fă o captură de ecran cu ea și alege captura de ecran
msg-picture-empty = O poză pe care ai ales-o este goală. Alege-o din nou
msg-picture-too-big = O poză pe care ai ales-o este prea mare. Fiecare poză trebuie să fie mai mică de 10 MB. Fă o captură de ecran cu ea și alege captura de ecran
msg-picture-too-many = Poți trimite până la 5 poze odată. Alege 5 sau mai puține și trimite-le pe celelalte după aceea, cu codul de confirmare
msg-picture-too-much = Toate pozele tale la un loc trebuie să fie mai mici de 25 MB. Alege mai puține și trimite-le pe celelalte după aceea, cu codul de confirmare
msg-picture-busy = Chiar acum se trimit multe poze de la școala ta sau de acasă. Așteaptă un minut, apoi alege-ți pozele și trimite din nou
msg-picture-not-kept = Nu ți-am păstrat poza. Nu păstrăm niciodată poze la acest tip de raport, ca nimeni să nu fie nevoit să o vadă. Spune-ne mai bine în cuvinte
msg-followup-code-missing = Scrie codul tău de confirmare
msg-followup-code-not-found = Nu am găsit niciun raport cu acest cod. Verifică-l și încearcă din nou: are 20 de litere și cifre
msg-followup-message-missing = Scrie mesajul înainte să îl trimiți
msg-followup-message-too-long = Mesajul tău trebuie să aibă cel mult 5.000 de caractere. Trimite mai întâi partea cea mai importantă
msg-followup-name-missing = Scrie numele tău sau cum te putem contacta

## Pages for when something goes wrong

error-404-title = Pagina nu a fost găsită
error-404-text-1 = Nu am găsit această pagină. Adresa poate fi greșită sau pagina s-ar putea să fi fost mutată.
error-400-title = Ceva nu a fost în regulă cu ce s-a trimis
error-400-text-1 = Nu am înțeles ce a trimis browserul tău. Mergi înapoi și încearcă din nou.
error-403-title = Timpul pentru această pagină a expirat
error-403-text-1 = Pentru siguranța ta, formularele nu mai funcționează după o vreme. Mergi înapoi, reîncarcă pagina și încearcă din nou.
error-405-title = Nu a mers
error-405-text-1 = Mergi înapoi și încearcă din nou sau începe de la pagina principală.
error-413-title = Ce ai trimis este prea lung
error-413-text-1 = Mergi înapoi și scurtează textul. Dacă ai multe de spus, trimite mai întâi partea cea mai importantă. Poți adăuga mai mult mai târziu cu codul de confirmare.
error-429-title = Ai încercat de prea multe ori
error-429-text-1 = Te rugăm să aștepți câteva minute, apoi încearcă din nou. Așa, alți oameni nu pot ghici coduri și nu pot trimite foarte multe rapoarte.
error-503-title = Ne pare rău, site-ul este aglomerat
error-503-text-1 = Te rugăm să încerci din nou peste câteva minute. Dacă trimiteai un raport, el nu a fost trimis încă, așa că trimite-l din nou.
error-500-title = Ne pare rău, ceva nu a mers bine
error-500-text-1 = Ceva nu a mers bine la noi. Nu este vina ta.
error-500-text-2 = Dacă trimiteai un raport, te rugăm să încerci din nou peste câteva minute.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Te îngrijorează ceva? Spune-ne în siguranță.
poster-heading-1 = Te îngrijorează ceva?
poster-heading-2 = Spune-ne în siguranță.
poster-intro = Poți raporta bullying, cuțite, bande, abuz online sau orice te îngrijorează, de la școală, de acasă sau de oriunde. Nu trebuie să îți spui numele.
poster-intro-1 = Raportează bullying, cuțite, bande, abuz online sau orice te îngrijorează,
poster-intro-2 = de la școală, de acasă sau de oriunde. Nu trebuie să îți spui numele.
poster-qr-label = Cod QR pentru adresa de mai jos
poster-hours-heading = Când sunt citite rapoartele
poster-hours = { $hours }. Rapoartele nu sunt urmărite tot timpul.
poster-hours-line = Rapoartele sunt citite: { $hours }
poster-danger = Ești în pericol acum? Sună la 999. Ca să vorbești cu cineva acum, sună gratuit la Childline, la 0800 1111, oricând.
poster-danger-1 = Ești în pericol acum? Sună la 999.
poster-danger-2 = Ca să vorbești cu cineva acum, sună gratuit la Childline, la 0800 1111.
