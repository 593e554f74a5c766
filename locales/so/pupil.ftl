### Confide pupil pages — Somali
## review: machine-assisted, not yet checked by a fluent speaker
#
# Translated from locales/en-GB/pupil.ftl (the source of every key). Standard Somali in
# Latin script. Keep 999, 0800 1111, service names and every { $value } exactly as they
# are. Plural forms: one, other.

## The layout of every page

page-title = { $title } – Confide
skip-link = U gudub qoraalka ugu muhiimsan
banner-label = Caawimaad degdeg ah
banner-text = Hadda khatar ma ku jirtaa? Wac { $emergency }. Childline { $childline }
service-label = Macluumaad ku saabsan adeegga
service-name = Hel caawimaad oo wax soo sheeg
menu = Liiska
nav-advice = Talo iyo muuqaallo
nav-report = Wax soo sheeg
nav-followup = Eeg haddii jawaab timid
nav-safety = Si ammaan ah u isticmaal websaydhkan
exit-hidden = Degdeg
exit-button = Ka bax boggan
exit-activated = Waa la soo rarayaa.
exit-timed-out = Wakhtiga badhanka «Ka bax boggan» wuu dhammaaday.
exit-press-two = Shift, riix 2 jeer oo kale si aad u baxdo.
exit-press-one = Shift, riix 1 jeer oo kale si aad u baxdo.
footer-heading = Xiriirrada caawimaadda
footer-privacy = Websaydhkan uma isticmaalo cookies ardayda, kuma raad-raaco, mana diiwaangeliyo ciwaankaaga internetka.
language-menu = Luqadaha
offer-language = Boggan wuxuu sidoo kale ku qoran yahay af-Soomaali.
not-translated = Boggan weli af-Soomaali kuma qorna, sidaas darteed wuxuu ku qoran yahay Ingiriisi.
go-home = Tag bogga hore
warning = Digniin
success = Waa la sameeyay
inset-danger = Haddii aad hadda khatar ku jirto, wac { $emergency }.
inset-childline = Si aad hadda qof ula hadasho, bilaash uga wac Childline { $childline }, wakhti kasta, habeen iyo maalin. Wicitaanku kama muuqdo biilka taleefanka.

## The home page, a school's page and finding a school

home-heading = Wax ma ku welwelinayaan? Waad noo sheegi kartaa.
no-name-needed = Uma baahnid inaad magacaaga sheegto.
home-what = U sheeg iskuulkaaga wax kasta oo ku welwelinaya. Waxaad noo sheegi kartaa cagajuglayn, qof ku dhibaya ama ku cabsiinaya, hub, kooxaha burcadda, daroogo, wax guriga ama internetka ka dhacaya, ama wax kasta oo kale. Wuxuu noqon karaa adiga ama qof kale.
school-tell = U sheeg iskuulka { $school } wax kasta oo ku welwelinaya.
school-hours = Shaqaaluhu waxay akhriyaan warbixinnada: { $hours }.
school-outside-hours = Wakhtiyadaas ka baxsan, waxaa laga yaabaa in qofna isla markiiba arkin warbixintaada. Sidaas darteed haddii aad hadda caawimaad u baahan tahay, isticmaal lambarrada hoose.
find-school = Raadi iskuulkaaga
find-school-report = Iskuulkee ayaad dhigataa?
find-school-intro = Bogga iskuulkaagu wuxuu leeyahay talo, muuqaallo iyo hab aad ugu sheegi karto shaqaalaha ilaaliya ammaanka ardayda halkaas.
find-school-report-intro = Warbixintaadu waxay u socotaa shaqaalaha ilaaliya ammaanka ardayda iskuulkaaga.
search-school = Raadi iskuulkaaga
search-hint = Qor dhowr xaraf oo magaciisa ah.
search-button = Raadi
no-school-matches = Ma jiro iskuul la mid ah «{ $typed }». Hubi higgaadda, ama isku day xarfo ka yar.
no-schools-yet = Weli ma jiro iskuul isticmaala websaydhkan.
schools-match-none = Ma jiro iskuul la mid ah. Hubi higgaadda, ama isku day xarfo ka yar.
schools-match = { $count ->
    [one] { $count } iskuul ayaa la mid ah.
   *[other] { $count } iskuul ayaa la mid ah.
}
school-not-here = Haddii iskuulkaagu uusan halkan ku jirin, waxaad { $fearless } u sheegi kartaa dembi adigoon magacaaga sheegin, ama waxaad wici kartaa Childline { $childline }.

## Topic pages and other long pages

video-cannot-play = Browser-kaagu ma daari karo muuqaalkan. Waxaad hoos ka akhrin kartaa waxa uu dhahayo, ama { $link }.
video-download = soo deji muuqaalka
transcript-heading = Waxa muuqaalku dhahayo (qoraal)
tell-someone = U sheeg qof
topic-tell = Haddii tani ay kugu dhacayso adiga ama qof aad taqaanno, halkan ayaad iskuulkaaga ugu sheegi kartaa. Uma baahnid inaad magacaaga sheegto.
topic-tell-school = Haddii tani ay kugu dhacayso adiga ama qof aad taqaanno, halkan ayaad iskuulka { $school } ugu sheegi kartaa. Uma baahnid inaad magacaaga sheegto.
helplines-heading = Yaa kale oo ku caawin kara
helpline-phone = Taleefan: { $phone }
helpline-website = Websaydhka { $name }
opens-another-site = (websayd kale ayuu furayaa)
listen = Dhegeyso
listen-stop = Jooji

## The report form

error-title = Khalad: { $title }
error-summary-title = Dhibaato ayaa jirta
error-prefix = Khalad:
report-heading = Noo sheeg waxa dhacaya
report-intro = Waxay qaadataa qiyaastii 3 daqiiqo. Uma baahnid inaad magacaaga sheegto.
report-goes-to = Warbixintaadu waxay u socotaa oo keliya shaqaalaha ilaaliya ammaanka ardayda iskuulka { $school } iyo sarkaalka booliska ee iskuulka. Waxay akhriyaan warbixinnada: { $hours }.
category-legend = Waa maxay nooca waxa dhacaya?
category-hint = Dooro midka ugu habboon.
category-bullying = Cagajuglayn
category-online-bullying = Cagajuglaynta internetka ama wadaagidda sawirrada
category-nude-image = Qof ayaa haysta ama faafinaya sawir ama muuqaal aan qaawanahay ama galmo ah oo aniga ah
category-sextortion = Qof ayaa ku hanjabaya inuu mid faafin doono, ama lacag ayuu iga dalbanayaa
category-weapons = Mindiyo ama hub kale
category-gangs = Kooxaha burcadda
category-drugs-alcohol = Daroogo ama khamri
category-hurt-threatened = In la dhaawaco ama lagu hanjabo
category-home = Wax guriga ka dhacaya
category-sexual = Dhibaato ama xadgudub galmo
category-hate = Nacayb ama midab-takoor
category-extremism = Fikrado xagjir ah ama xagjirnimo
category-theft-damage = Xatooyo ama burburin
category-other = Wax kale
location-legend = Xaggee ayay ka dhacday?
location-classroom = Fasalka gudihiisa
location-corridor = Marinka ama jaranjarada
location-toilets = Musqulaha
location-playground = Garoonka ciyaarta ama berrinka
location-canteen = Makhaayadda iskuulka
location-journey = Jidka iskuulka loo socdo ama laga soo laabto
location-transport = Bas, tareen ama gaadiid kale
location-online = Internetka ama taleefan
location-near-school = Iskuulka agtiisa
location-home = Guriga
location-elsewhere = Meel kale
happening-now-legend = Ma hadda ayay dhacaysaa, mise khatar ayaad ku jirtaa?
answer-yes = Haa
answer-no = Maya
about-legend = Ma tani waxay ku saabsan tahay qof weyn oo iskuulkaaga ka shaqeeya?
about-hint = Tusaale ahaan macallin, kaaliye macallin, tababare ama shaqaale xafiiska. Haddii ay sidaas tahay, warbixintaadu waxay u socotaa dad kale.
about-no = Maya
about-staff = Haa, qof weyn oo iskuulka ka shaqeeya
about-head = Haa, maamulaha iskuulka
what-label = Maxaa dhacay?
what-hint = Ku sheeg erayadaada. Ku qor wax kasta oo aad u malaynayso inay muhiim yihiin.
when-label = Goorma ayay dhacday? (haddii aad rabto)
when-hint = Tusaale ahaan: shalay xilliga qadada, Isniin kasta, tan iyo Sebteembar.
who-label = Yaa ku lug lahaa? (haddii aad rabto)
who-hint = Magacyo, sida ay u eg yihiin, ama fasalka ay dhigtaan, haddii aad taqaanno.
about-you-heading = Adiga ku saabsan (haddii aad rabto)
about-you-optional = Uma baahnid inaad noo sheegto cidda aad tahay.
about-you-why = Haddii aad sheegto, shaqaaluhu way kula hadli karaan oo si dhakhso ah ayay kuu caawin karaan.
name-label = Magacaaga (haddii aad rabto)
contact-label = Sideen kula soo xiriirnaa? (haddii aad rabto)
contact-hint = Tusaale ahaan: kooxdaada tutor-ka, ama wakhti ammaan ah oo la hadlo.
send-report = Dir warbixinta

## A nude or sexual picture of you

nude-entry = Qof ma faafinayaa sawir adiga oo qaawan, mise wuu ku hanjabayaa inuu sidaas sameeyo?
nude-never-send = Weligaa sawirka ama muuqaalka cidna ha u dirin, xitaa annaga.
nude-no-upload = Uma baahnin inaan aragno, sidaas darteed warbixintan sawirro laguma dari karo. Kaliya erayo ku noo sheeg waxa dhacaya.
nude-help-link = Waxa aad hadda samayn karto haddii qof faafiyo sawir adiga oo qaawan, ama uu yiraahdo wuu faafin doonaa
nude-next = Shaqaaluhu sawirka kaa ma weydiin doonaan. Eedda adiga maaha. Waxaa jira waxyaabo aad hadda samayn karto, sida inaad codsato in sawirka laga saaro internetka.
nude-tell = Waad u sheegi kartaa iskuulkaaga waxa dhacaya. Uma baahnid inaad magacaaga bixiso, weligaana uma baahnid inaad sawirka soo dirto.
pictures-not-kept = Sawir ayaad dooratay, laakiin ma aanan hayn. Weligeen sawirro kuma hayno warbixin noocan ah, si aan qofna u arkin. Uma baahnid inaad soo dirto.
count-up-to = Waxaad qori kartaa ilaa { $max } xaraf
count-under = { $count ->
    [one] Waxaa kuu hadhay { $count } xaraf
   *[other] Waxaa kuu hadhay { $count } xaraf
}
count-at-limit = Waxaa kuu hadhay 0 xaraf
count-over = { $count ->
    [one] Waxaad qortay { $count } xaraf oo dheeraad ah
   *[other] Waxaad qortay { $count } xaraf oo dheeraad ah
}

## Pictures

pictures-label = Sawir-shaashadeed ama sawirro (haddii aad rabto)
pictures-hint = Ilaa 5 sawir: PNG, JPEG ama WebP, mid kastaa ka yar yahay 10 MB. Sawir-shaashadeed fariin ama qoraal ah ayaa inta badan ugu waxtar badan.
pictures-privacy = Sawir kasta waxaan dib u samaynaa anagoo ka qaadanayna oo keliya waxa uu muujinayo. Waxaan ka saarnaa meesha sawirka laga qaaday iyo taleefanka qaaday.
pictures-held = { $count ->
    [one] Waxaan haynaa sawirkii aad hore u dooratay, waxaanan la diri doonnaa warbixintaada.
   *[other] Waxaan haynaa { $count }-da sawir ee aad hore u dooratay, waxaanan la diri doonnaa warbixintaada.
}
pictures-held-more = { $count ->
    [one] Uma baahnid inaad mar kale dooratid. Haddii aad halkan sawirro ka doorato, waxaan diraynaa kuwa cusub beddelkiisa.
   *[other] Uma baahnid inaad mar kale dooratid. Haddii aad halkan sawirro ka doorato, waxaan diraynaa kuwa cusub beddelkooda.
}
pictures-chosen = { $count ->
    [one] Waxaad dooratay { $count } sawir:
   *[other] Waxaad dooratay { $count } sawir:
}
picture-preview = { $count ->
   *[other] Sawirka { $count }
}

## The "in danger now" step

danger-heading = Haddii aad hadda khatar ku jirto, wac 999
danger-call = Wac { $emergency } haddii qof ku dhaawacayo, ama adiga ama qof kale aad hadda khatar ku jirtaan. Waa bilaash taleefan kasta, xitaa mid aan lacag ku jirin.
danger-cannot-speak = Haddii aadan hadli karin, wac 999, dhegeyso su'aalaha, kadib qufac ama taleefanka garaac. Taleefanka gacanta, riix 55 marka lagu weydiiyo, booliskuna wuxuu ogaan doonaa inay tahay xaalad degdeg ah.
danger-childline = Si aad hadda qof ula hadasho, bilaash uga wac Childline { $childline }, wakhti kasta, habeen iyo maalin.
danger-not-sent = Warbixintaada weli lama dirin. Shaqaalaha iskuulka { $school } waxay akhriyaan warbixinnada: { $hours }. Sidaas darteed waxaa laga yaabaa inaysan isla markiiba arkin.
danger-pictures-held = { $count ->
    [one] Sawirka aad dooratay waxaa lala diri doonaa warbixintaada. Waxaan hayn doonnaa 30 daqiiqo inta aad go'aansanayso.
   *[other] { $count }-da sawir ee aad dooratay waxaa lala diri doonaa warbixintaada. Waxaan hayn doonnaa 30 daqiiqo inta aad go'aansanayso.
}
danger-send = Hadda dir warbixintayda
danger-go-back = Dib u noqo oo beddel

## The receipt

sent-heading = Warbixintaada waa la diray
sent-thanks = Waad ku mahadsan tahay inaad noo sheegtay.
receipt-heading = Koodhka rasiidkaaga
receipt-label = Koodhka rasiidka: { $code }
receipt-write-down = Hadda qor koodhkan ama sawir ka qaad.
receipt-why = Waxaad ugu baahan tahay inaad akhrido jawaabaha oo aad wax ku darto warbixintaada. Markaad ka baxdo boggan, mar kale kuma tusi karno. Qofna kuuma raadin karo.
receipt-private = Meel qarsoodi ah ku hay. Qof kasta oo koodhka haysta wuu akhrin karaa warbixintaada.
receipt-print = Daabac ama kaydi boggan
receipt-pictures-kept = { $count ->
    [one] Waxaan warbixintaada la haynaa { $count } sawir. Waxaan ka saarnay meesha sawirka laga qaaday iyo taleefanka qaaday.
   *[other] Waxaan warbixintaada la haynaa { $count } sawir. Waxaan ka saarnay meesha sawirrada laga qaaday iyo taleefanka qaaday.
}
receipt-pictures-lost = { $count ->
    [one] Sawirkii aad hore u dooratay lama dirin: sawirrada waxaan hayn karnaa 30 daqiiqo oo keliya. Si aad u dirto, tag { $link }, qor koodhkaaga oo mar kale dooro.
   *[other] { $count }-dii sawir ee aad hore u dooratay lama dirin: sawirrada waxaan hayn karnaa 30 daqiiqo oo keliya. Si aad u dirto, tag { $link }, qor koodhkaaga oo mar kale dooro.
}
next-heading = Waxa xiga
next-urgent = Waxaad sheegtay in tani ay hadda dhacayso, sidaas darteed warbixintaada waxaa lagu calaamadeeyay mid degdeg ah.
next-urgent-on-call = Waxaad sheegtay in tani ay hadda dhacayso. Waa waqti ka baxsan saacadaha iskuulka, laakiin qof ka tirsan { $school } ayaa hadda diyaar u ah (on call) waana loo sheegay.
next-urgent-nobody = Waa waqti ka baxsan saacadaha iskuulka, qofna diyaar uma aha (on call). Qofna ma akhrin doono tan ilaa { $day ->
         [mon] Isniinta
         [tue] Talaadada
         [wed] Arbacada
         [thu] Khamiista
         [fri] Jimcaha
         [sat] Sabtida
        *[sun] Axadda
    } saacadda { $time }.
next-urgent-call = Haddii aad khatar ku jirto, hadda wac { $phone }.
next-staff-read = Shaqaalaha iskuulka { $school } waxay akhriyaan warbixinnada: { $hours }.
next-staff-reply = Waxay akhrin doonaan waxa aad qortay oo go'aan ka gaari doonaan sida loo caawiyo. Waxaa laga yaabaa inay halkan kaaga jawaabaan.
receipt-read-replies = Si aad u akhrido jawaab ama wax ugu darto, tag { $link } oo qor koodhkaaga.
already-sent-heading = Warbixintaada horay ayaa loo diray
already-sent-text = Waxaan haynaa warbixintaada iskuulka { $school }, sidaas darteed mar kale ma aanan dirin. Koodhka rasiidkeeda waxaa lagu tusay markaad dirtay, mana awoodno inaan mar kale ku tusno.
already-sent-next = Haddii aad qortay koodhka, tag { $link } si aad u akhrido jawaabaha oo wax ugu darto. Haddii aadan qorin, { $new } oo sheeg inay ku saabsan tahay isla arrintii.
send-new-report = dir warbixin cusub

## Coming back with a receipt code

code-intro = Isticmaal koodhka rasiidka lagu siiyay markaad dirtay warbixintaada. Waxaad akhrin kartaa jawaabaha oo wax ku dari kartaa.
code-label = Koodhka rasiidkaaga
code-hint = Wuxuu leeyahay 20 xaraf iyo lambar, sida 7KQ3 9XMA 2HD4 PQ8R T6WZ. Meelaha bannaan iyo xarfaha waaweyni muhiim ma aha.
continue = Sii wad
code-lost = Koodhkii ma kaa lumay? Kuuma heli karno, sababtoo ah qofna ma arki karo cidda warbixin dirtay.
code-lost-new = Waxaad diri kartaa warbixin cusub oo sheeg inay ku saabsan tahay isla arrintii.
code-expires = Marka warbixin laga shaqeeyo oo la xiro, wakhti kadib waa la tirtiraa, koodhkeeduna wuu joojiyaa shaqada.
your-report = Warbixintaada
status-new = Shaqaalaha iskuulka { $school } ayaa haysta warbixintaada.
status-seen = Qof ka tirsan { $school } ayaa arkay warbixintaada { $when }.
status-open = Shaqaalaha iskuulka { $school } ayaa ka shaqaynaya warbixintaada.
status-closed = Shaqaalaha iskuulka { $school } waxay dhammeeyeen ka shaqaynta warbixintan.
closed-reopens = Shaqaaluhu waxay dhammeeyeen ka shaqaynta warbixintan. Haddii aad mar kale wax qorto, way furmaysaa, iyagana waa loo sheegayaa.
message-label = Wax ku dar ama ka jawaab
message-hint = Shaqaalaha warbixintaadu u tagtay oo keliya ayaa akhrin kara tan.
send = Dir
message-sent = Fariintaada waa la diray
messages-heading = Fariimaha
no-replies = Weli jawaab ma jirto. Shaqaaluhu waxay akhriyaan warbixinnada: { $hours }. Mar dambe eeg.
newest-first = Fariinta ugu cusub ayaa ugu horreysa.
from-you = Adiga
from-staff = Shaqaalaha iskuulka { $school }
told-heading = Waxa aad noo sheegtay
told-sent-to = Loo diray
told-sent-on = Taariikhda la diray
told-kind = Nooca arrinta
told-where = Xaggee
told-when = Goorma
told-who = Yaa ku lug lahaa
told-name = Magacaaga
told-contact = Sida laguula soo xiriiro
told-pictures = { $count ->
    [one] Waxaad dirtay { $count } sawir. Shaqaalaha warbixintaadu u tagtay oo keliya ayaa arki kara.
   *[other] Waxaad dirtay { $count } sawir. Shaqaalaha warbixintaadu u tagtay oo keliya ayaa arki kara.
}
finish = Dhammee oo tag bogga hore
talk-heading = La hadal qof dugsiga jooga
talk-intro = Haddii aad jeceshahay inaad la hadasho qof, riix badhanka. Shaqaalaha warbixintaadu u tagtay waa loo sheegi doonaa inaad codsatay. Ma ogaan doonaan cidda aad tahay haddii aadan magacaaga bixin mooyee.
talk-button = Waxaan jeclaan lahaa inaan la hadlo qof dugsiga jooga
talk-done = Waxaan u sheegnay dugsiga inaad jeceshahay inaad la hadasho qof
talk-asked = Waxaad codsatay inaad la hadasho qof dugsiga jooga. Shaqaalaha warbixintaadu u tagtay way og yihiin. Magacaaga hoos ayaad ku dari kartaa si ay kuu helaan.
later-heading = Bixi magacaaga
later-intro = Wakhti kasta waad noo sheegi kartaa magacaaga iyo sida laguu heli karo. Shaqaalaha warbixintaadu u tagtay ayaa arki doona magacaaga.
later-kept = Warbixinnada magac leh muddo dheer ayaa la hayaa ka hor inta aan la tirtirin.
later-name-label = Magacaaga
later-contact-label = Sida laguu heli karo, haddii aad rabto inaad sheegto
later-button = Ku dar magacayga warbixintayda
later-done = Magacaaga waa lagu daray warbixintaada

## Messages about what was typed or chosen

msg-and-kept = { $problem }. Waxaan kaydinnay wax kasta oo aad qortay.
msg-report-category-missing = Dooro nooca waxa dhacaya
msg-report-location-missing = Dooro meesha ay ka dhacday
msg-report-happening-now-missing = Dooro «Haa» haddii ay hadda dhacayso ama aad khatar ku jirto
msg-report-about-missing = Dooro haddii tani ay ku saabsan tahay qof weyn oo iskuulkaaga ka shaqeeya
msg-report-what-missing = Noo sheeg waxa dhacay
msg-report-what-too-long = «Maxaa dhacay» waa inuu ahaadaa 5,000 xaraf ama ka yar. Hadda dir qaybta ugu muhiimsan: hadhow waxaad ku dari kartaa koodhka rasiidkaaga
msg-report-when-too-long = «Goorma ayay dhacday» waa inuu ahaadaa 500 xaraf ama ka yar
msg-report-who-too-long = «Yaa ku lug lahaa» waa inuu ahaadaa 2,000 xaraf ama ka yar
msg-report-name-too-long = Magacaagu waa inuu ahaadaa 200 xaraf ama ka yar
msg-report-contact-too-long = «Sideen kula soo xiriirnaa» waa inuu ahaadaa 500 xaraf ama ka yar
msg-report-busy = Hadda warbixinno badan ayaa laga soo dirayaa iskuulkaaga ama gurigaaga. Sug hal daqiiqo, kadib mar kale riix «Dir warbixinta». Waxaan kaydinnay waxa aad qortay
msg-picture-heic = Sawirrada iPhone-ka (HEIC) halkan lagama diri karo. Sawirka ka qaad sawir-shaashadeed, kadib dooro sawir-shaashadeedka
msg-picture-kind = Fayl aad dooratay ma aha sawir aan qaadan karno. Dooro sawir PNG, JPEG ama WebP ah, ama sawir-shaashadeed
msg-picture-mismatch = Fayl aad dooratay ma aha nooca sawirka uu magaciisu sheegayo. Ka qaad sawir-shaashadeed oo dooro kaas
msg-picture-too-large = Sawir aad dooratay aad ayuu u weyn yahay in la furo. Ka qaad sawir-shaashadeed oo dooro kaas
msg-picture-unreadable = Sawir aad dooratay lama furi karin. Ka qaad sawir-shaashadeed oo dooro kaas
msg-picture-empty = Sawir aad dooratay waa madhan yahay. Mar kale dooro
msg-picture-too-big = Sawir aad dooratay aad ayuu u weyn yahay. Sawir kastaa waa inuu ka yar yahay 10 MB. Ka qaad sawir-shaashadeed oo dooro kaas
msg-picture-too-many = Waxaad hal mar diri kartaa ilaa 5 sawir. Dooro 5 ama ka yar, inta kalena hadhow ku dir koodhka rasiidkaaga
msg-picture-too-much = Dhammaan sawirradaadu marka la isku daro waa inay ka yar yihiin 25 MB. Dooro kuwo ka yar, inta kalena hadhow ku dir koodhka rasiidkaaga
msg-picture-busy = Hadda sawirro badan ayaa laga soo dirayaa iskuulkaaga ama gurigaaga. Sug hal daqiiqo, kadib dooro sawirradaada oo mar kale dir
msg-picture-not-kept = Sawirkaaga ma aanan hayn. Weligeen sawirro kuma hayno warbixin noocan ah, si aan qofna u arkin. Taa beddelkeeda erayo ku noo sheeg
msg-followup-code-missing = Qor koodhka rasiidkaaga
msg-followup-code-not-found = Ma aanan helin warbixin leh koodhkaas. Hubi oo mar kale isku day: wuxuu leeyahay 20 xaraf iyo lambar
msg-followup-message-missing = Qor fariintaada ka hor intaadan dirin
msg-followup-message-too-long = Fariintaadu waa inay ahaataa 5,000 xaraf ama ka yar. Marka hore dir qaybta ugu muhiimsan
msg-followup-name-missing = Qor magacaaga ama sida laguu heli karo

## Pages for when something goes wrong

error-404-title = Bogga lama helin
error-404-text-1 = Ma aanan helin boggaas. Ciwaanku waxaa laga yaabaa inuu khaldan yahay, ama bogga waa la wareejiyay.
error-400-title = Waxa la soo diray wax baa ka khaldanaa
error-400-text-1 = Ma fahmin waxa browser-kaagu soo diray. Dib u noqo oo mar kale isku day.
error-403-title = Wakhtiga boggan wuu dhammaaday
error-403-text-1 = Ammaankaaga darteed, foomamku way joojiyaan shaqada wakhti kadib. Dib u noqo, bogga dib u soo rar oo mar kale isku day.
error-405-title = Taasi ma shaqayn
error-405-text-1 = Dib u noqo oo mar kale isku day, ama ka bilow bogga hore.
error-413-title = Waxa aad dirtay aad ayuu u dheer yahay
error-413-text-1 = Dib u noqo oo gaabi. Haddii aad wax badan sheegi rabto, marka hore dir qaybta ugu muhiimsan. Hadhow waxaad ku dari kartaa koodhka rasiidkaaga.
error-429-title = Isku day badan ayaad samaysay
error-429-text-1 = Fadlan sug dhowr daqiiqo, kadib mar kale isku day. Tani waxay ka hortagtaa in dad kale ay koodhad qiyaasaan ama ay diraan warbixinno badan.
error-503-title = Waan ka xunnahay, websaydhku wuu mashquulsan yahay
error-503-text-1 = Fadlan mar kale isku day dhowr daqiiqo kadib. Haddii aad warbixin diraysay, weli lama dirin, sidaas darteed mar kale dir.
error-500-title = Waan ka xunnahay, wax baa khaldamay
error-500-text-1 = Wax baa dhankayaga ka khaldamay. Eeddaada ma aha.
error-500-text-2 = Haddii aad warbixin diraysay, fadlan mar kale isku day dhowr daqiiqo kadib.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Wax ma ku welwelinayaan? Si ammaan ah noogu sheeg.
poster-heading-1 = Wax ma ku welwelinayaan?
poster-heading-2 = Si ammaan ah noogu sheeg.
poster-intro = Waxaad soo sheegi kartaa cagajuglayn, mindiyo, kooxaha burcadda, xadgudubka internetka ama wax kasta oo ku welwelinaya, iskuulka, guriga ama meel kasta. Uma baahnid inaad magacaaga sheegto.
poster-intro-1 = Soo sheeg cagajuglayn, mindiyo, burcad, xadgudub internet ama wax ku welwelinaya,
poster-intro-2 = iskuulka, guriga ama meel kasta. Uma baahnid inaad magacaaga sheegto.
poster-qr-label = Koodhka QR ee ciwaanka hoose
poster-hours-heading = Goorta warbixinnada la akhriyo
poster-hours = { $hours }. Warbixinnada had iyo jeer lama daawado.
poster-hours-line = Warbixinnada waxaa la akhriyaa: { $hours }
poster-danger = Hadda khatar ma ku jirtaa? Wac 999. Si aad hadda qof ula hadasho, bilaash uga wac Childline 0800 1111, wakhti kasta.
poster-danger-1 = Hadda khatar ma ku jirtaa? Wac 999.
poster-danger-2 = Si aad hadda qof ula hadasho, bilaash uga wac Childline 0800 1111.
