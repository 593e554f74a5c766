### Confide pupil pages — English (UK)
## review: source
#
# Every word a pupil reads on Confide, except the long pages (topics and "Using this
# site safely", which are Markdown under content/). Each translation has the same keys.
# Keep 999, 0800 1111, service names and every { $value } exactly as they are.

## The layout of every page

page-title = { $title } – Confide
skip-link = Skip to main content
banner-label = Emergency help
banner-text = In danger now? Call { $emergency }. Childline { $childline }
service-label = Service information
service-name = Get help and report something
menu = Menu
nav-advice = Advice and videos
nav-report = Report something
nav-followup = Check for a reply
nav-safety = Using this site safely
exit-hidden = Emergency
exit-button = Exit this page
exit-activated = Loading.
exit-timed-out = Exit this page expired.
exit-press-two = Shift, press 2 more times to exit.
exit-press-one = Shift, press 1 more time to exit.
footer-heading = Support links
footer-privacy = This site does not use cookies for pupils, does not track you and does not record your internet address.
language-menu = Languages
# The offer of this page in your language, to a browser that asks for it.
offer-language = This page is in English too.
# On a long page not yet translated into your language: name your language.
not-translated = This page is not in your language yet, so it is in English.
go-home = Go to the home page
warning = Warning
success = Success
inset-danger = If you are in danger now, call { $emergency }.
inset-childline = To talk to someone now, call Childline free on { $childline }, any time, day or night. The call will not show on the phone bill.

## The home page, a school's page and finding a school

home-heading = Worried about something? You can tell us.
no-name-needed = You do not have to give your name.
home-what = Tell your school about anything that is worrying you. You can tell us about bullying, someone hurting or scaring you, weapons, gangs, drugs, something happening at home or online, or anything else. It can be about you or about someone else.
school-tell = Tell { $school } about anything that is worrying you.
school-hours = Reports are read by staff { $hours }.
school-outside-hours = Outside those times, no one may see your report straight away. So if you need help now, use the numbers below.
find-school = Find your school
find-school-report = Which school do you go to?
find-school-intro = Your school's page has advice, videos and a way to tell the staff who keep pupils safe there.
find-school-report-intro = Your report goes to the staff who keep pupils safe at your school.
search-school = Search for your school
search-hint = Type a few letters of its name.
search-button = Search
no-school-matches = No school matches “{ $typed }”. Check the spelling, or try fewer letters.
no-schools-yet = No schools are using this site yet.
schools-match-none = No school matches. Check the spelling, or try fewer letters.
schools-match = { $count ->
    [one] { $count } school matches.
   *[other] { $count } schools match.
}
school-not-here = If your school is not here, you can tell { $fearless } about a crime without giving your name, or call Childline on { $childline }.

## Topic pages and other long pages

video-cannot-play = Your browser cannot play this video. You can read what it says below, or { $link }.
video-download = download the video
transcript-heading = What the video says (transcript)
tell-someone = Tell someone
topic-tell = If this is happening to you or someone you know, you can tell your school here. You do not have to give your name.
topic-tell-school = If this is happening to you or someone you know, you can tell { $school } here. You do not have to give your name.
helplines-heading = Who else can help
helpline-phone = Phone: { $phone }
helpline-website = { $name } website
opens-another-site = (opens another site)
listen = Listen
listen-stop = Stop

## The report form

error-title = Error: { $title }
error-summary-title = There is a problem
error-prefix = Error:
report-heading = Tell us what is happening
report-intro = It takes about 3 minutes. You do not have to give your name.
report-goes-to = Your report goes only to the staff who keep pupils safe at { $school } and the school's police officer. They read reports { $hours }.
category-legend = What kind of thing is happening?
category-hint = Choose the one that fits best.
category-bullying = Bullying
category-online-bullying = Online bullying or sharing pictures
category-nude-image = Someone has, or is sharing, a nude or sexual picture or video of me
category-sextortion = Someone is threatening to share one, or asking me for money
category-weapons = Knives or other weapons
category-gangs = Gangs
category-drugs-alcohol = Drugs or alcohol
category-hurt-threatened = Being hurt or threatened
category-home = Something at home
category-sexual = Sexual harassment or abuse
category-hate = Hate or racism
category-extremism = Extreme views or extremism
category-theft-damage = Theft or damage
category-other = Something else
location-legend = Where did it happen?
location-classroom = In a classroom
location-corridor = In a corridor or on the stairs
location-toilets = In the toilets
location-playground = In the playground or on the field
location-canteen = In the canteen
location-journey = On the way to or from school
location-transport = On a bus, train or other transport
location-online = Online or on a phone
location-near-school = Near the school
location-home = At home
location-elsewhere = Somewhere else
happening-now-legend = Is it happening now, or are you in danger?
answer-yes = Yes
answer-no = No
about-legend = Is this about an adult who works at your school?
about-hint = For example a teacher, teaching assistant, coach or office worker. If it is, your report goes to different people.
about-no = No
about-staff = Yes, an adult who works at the school
about-head = Yes, the head teacher
what-label = What happened?
what-hint = Say it in your own words. Put in anything you think is important.
when-label = When did it happen? (optional)
when-hint = For example: yesterday at lunch, every Monday, since September.
who-label = Who was involved? (optional)
who-hint = Names, what they look like, or their year group, if you know.
about-you-heading = About you (optional)
about-you-optional = You do not have to tell us who you are.
about-you-why = If you do, staff can talk to you and help you more quickly.
name-label = Your name (optional)
contact-label = How should we contact you? (optional)
contact-hint = For example: your tutor group, or a safe time to talk.
send-report = Send report

## A nude or sexual picture of you

nude-entry = Is someone sharing a nude picture of you, or threatening to?
nude-never-send = Never send the picture or video to anyone, not even to us.
nude-no-upload = We do not need to see it, so you cannot add pictures to this report. Just tell us in words what is happening.
nude-help-link = What to do now if someone shares a nude picture of you, or says they will
nude-next = Staff will not ask you for the picture. It is not your fault. There are things you can do now, like asking for the picture to be taken down.
nude-tell = You can tell your school what is happening. You do not have to give your name, and you never need to send the picture.
pictures-not-kept = You chose a picture, but we did not keep it. We never keep pictures with this kind of report, so no one has to see it. You do not need to send it.
count-up-to = You can enter up to { $max } characters
count-under = { $count ->
    [one] You have { $count } character left
   *[other] You have { $count } characters left
}
count-at-limit = You have 0 characters left
count-over = { $count ->
    [one] You have { $count } character too many
   *[other] You have { $count } characters too many
}

## Pictures

pictures-label = Screenshots or photos (optional)
pictures-hint = Up to 5 pictures: PNG, JPEG or WebP, each smaller than 10 MB. A screenshot of a message or a post is often the most useful.
pictures-privacy = Before we keep your pictures, we remove where a photo was taken and what phone or camera took it, and make each picture again from only what it shows.
pictures-held = { $count ->
    [one] We are keeping the 1 picture you chose before, and will send it with your report.
   *[other] We are keeping the { $count } pictures you chose before, and will send them with your report.
}
pictures-held-more = { $count ->
    [one] You do not need to choose it again. If you choose pictures here, we send the new ones instead.
   *[other] You do not need to choose them again. If you choose pictures here, we send the new ones instead.
}
pictures-chosen = { $count ->
    [one] You chose 1 picture:
   *[other] You chose { $count } pictures:
}
picture-preview = { $count ->
   *[other] Preview of picture { $count }
}

## The "in danger now" step

danger-heading = If you are in danger now, call 999
danger-call = Call { $emergency } if someone is hurting you, or you or someone else is in danger right now. It is free from any phone, even one with no credit.
danger-cannot-speak = If you cannot speak, call 999, listen to the questions, then cough or tap the phone. On a mobile, press 55 when asked and the police will know it is an emergency.
danger-childline = To talk to someone now, call Childline free on { $childline }, any time, day or night.
danger-not-sent = Your report has not been sent yet. Staff at { $school } read reports { $hours }, so they may not see it straight away.
danger-pictures-held = { $count ->
    [one] The 1 picture you chose will be sent with your report. We keep it for 30 minutes while you decide.
   *[other] The { $count } pictures you chose will be sent with your report. We keep them for 30 minutes while you decide.
}
danger-send = Send my report now
danger-go-back = Go back and change it

## The receipt

sent-heading = Your report has been sent
sent-thanks = Thank you for telling us.
receipt-heading = Your receipt code
receipt-label = Receipt code: { $code }
receipt-write-down = Write this code down or take a photo of it now.
receipt-why = You need it to read replies and to add more to your report. Once you leave this page we cannot show it to you again. No one can look it up for you.
receipt-private = Keep it somewhere private. Anyone with the code can read your report.
receipt-print = Print or save this page
receipt-pictures-kept = { $count ->
    [one] We kept 1 picture with your report, without where a photo was taken or what phone took it.
   *[other] We kept { $count } pictures with your report, without where a photo was taken or what phone took it.
}
receipt-pictures-lost = { $count ->
    [one] The 1 picture you chose before was not sent: we keep pictures for 30 minutes only. To send it, go to { $link }, type your code and choose it again.
   *[other] The { $count } pictures you chose before were not sent: we keep pictures for 30 minutes only. To send them, go to { $link }, type your code and choose them again.
}
next-heading = What happens next
next-urgent = You said this is happening now, so your report is marked as urgent.
next-urgent-on-call = You said this is happening now. It is outside school hours, but someone from { $school } is on call now and has been told.
next-urgent-nobody = It is outside school hours and nobody is on call. Nobody will read this until { $day ->
         [mon] Monday
         [tue] Tuesday
         [wed] Wednesday
         [thu] Thursday
         [fri] Friday
         [sat] Saturday
        *[sun] Sunday
    } at { $time }.
next-urgent-call = If you are in danger, call { $phone } now.
next-staff-read = Staff at { $school } read reports { $hours }.
next-staff-reply = They will read what you wrote and decide how to help. They may reply to you here.
receipt-read-replies = To read a reply or add more, go to { $link } and type your code.
already-sent-heading = Your report was already sent
already-sent-text = We have your report for { $school }, so we did not send it again. Its receipt code was shown when you sent it, and we cannot show it again.
already-sent-next = If you wrote the code down, go to { $link } to read replies and add more. If you did not, { $new } and say it is about the same thing.
send-new-report = send a new report

## Coming back with a receipt code

code-intro = Use the receipt code you were given when you sent your report. You can read replies and add more.
code-label = Your receipt code
code-hint = It has 20 letters and numbers, like 7KQ3 9XMA 2HD4 PQ8R T6WZ. Spaces and capital letters do not matter.
continue = Continue
code-lost = Lost your code? We cannot find it for you, because no one can see who sent a report.
code-lost-new = You can send a new report and say it is about the same thing.
code-expires = When a report has been dealt with and closed, it is deleted after a while, and its code stops working.
your-report = Your report
status-new = Staff at { $school } have your report.
status-seen = Someone at { $school } saw your report on { $when }.
status-open = Staff at { $school } are working on your report.
status-closed = Staff at { $school } have finished working on this report.
closed-reopens = Staff finished working on this report. If you write again, it opens again and they are told.
message-label = Add more or reply
message-hint = Only the staff your report went to can read this.
send = Send
message-sent = Your message has been sent
messages-heading = Messages
no-replies = No replies yet. Staff read reports { $hours }. Check again later.
newest-first = The newest message is first.
from-you = You
from-staff = Staff at { $school }
told-heading = What you told us
told-sent-to = Sent to
told-sent-on = Sent on
told-kind = What kind of thing
told-where = Where
told-when = When
told-who = Who was involved
told-name = Your name
told-contact = How to contact you
told-pictures = { $count ->
    [one] You have sent 1 picture. Only the staff your report went to can see it.
   *[other] You have sent { $count } pictures. Only the staff your report went to can see them.
}
finish = Finish and go to the home page
talk-heading = Talk to someone at school
talk-intro = If you would like to talk to someone, press the button. The staff your report went to will be told that you asked. They will not know who you are unless you give your name.
talk-button = I would like to talk to someone at school
talk-done = We have told the school you would like to talk to someone
talk-asked = You asked to talk to someone at school. The staff your report went to know this. You can add your name below so they can find you.
later-heading = Give your name
later-intro = You can tell us your name and how to reach you at any time. The staff your report went to will see your name.
later-kept = Reports with a name are kept for longer before they are deleted.
later-name-label = Your name
later-contact-label = How to reach you, if you want to say
later-button = Add my name to my report
later-done = Your name has been added to your report

## Messages about what was typed or chosen

msg-and-kept = { $problem }. We kept everything you wrote.
msg-report-category-missing = Choose what kind of thing is happening
msg-report-location-missing = Choose where it happened
msg-report-happening-now-missing = Choose yes if it is happening now or you are in danger
msg-report-about-missing = Choose if this is about an adult who works at your school
msg-report-what-missing = Tell us what happened
msg-report-what-too-long = What happened must be 5,000 characters or fewer. Send the most important part now: you can add more later with your receipt code
msg-report-when-too-long = When it happened must be 500 characters or fewer
msg-report-who-too-long = Who was involved must be 2,000 characters or fewer
msg-report-name-too-long = Your name must be 200 characters or fewer
msg-report-contact-too-long = How to contact you must be 500 characters or fewer
msg-report-busy = Lots of reports are being sent from your school or home right now. Wait one minute, then press Send report again. We have kept what you wrote
msg-picture-heic = Photos from an iPhone (HEIC) cannot be sent here. Take a screenshot of the photo, then choose the screenshot instead
msg-picture-kind = A file you chose is not a picture we can take. Choose a PNG, JPEG or WebP picture, or a screenshot
msg-picture-mismatch = A file you chose is not the kind of picture its name says. Take a screenshot of it and choose that instead
msg-picture-too-large = A picture you chose is too large to open. Take a screenshot of it and choose that instead
msg-picture-unreadable = A picture you chose could not be opened. Take a screenshot of it and choose that instead
msg-picture-empty = A picture you chose is empty. Choose it again
msg-picture-too-big = A picture you chose is too big. Each picture must be smaller than 10 MB. Take a screenshot of it and choose that instead
msg-picture-too-many = You can send up to 5 pictures at a time. Choose 5 or fewer, and send the rest afterwards with your receipt code
msg-picture-too-much = All your pictures together must be smaller than 25 MB. Choose fewer, and send the rest afterwards with your receipt code
msg-picture-busy = Lots of pictures are being sent from your school or home right now. Wait one minute, then choose your pictures and send again
msg-picture-not-kept = We did not keep your picture. We never keep pictures with this kind of report, so no one has to see it. Tell us in words instead
msg-followup-code-missing = Enter your receipt code
msg-followup-code-not-found = We could not find a report with that code. Check it and try again: it has 20 letters and numbers
msg-followup-message-missing = Write your message before you send it
msg-followup-message-too-long = Your message must be 5,000 characters or fewer. Send the most important part first
msg-followup-name-missing = Write your name or how to reach you

## Pages for when something goes wrong

error-404-title = Page not found
error-404-text-1 = We could not find that page. The address may be wrong, or the page may have moved.
error-400-title = Something was wrong with what was sent
error-400-text-1 = We could not understand what your browser sent. Go back and try again.
error-403-title = This page has timed out
error-403-text-1 = For your safety, forms stop working after a while. Go back, reload the page and try again.
error-405-title = That did not work
error-405-text-1 = Go back and try again, or start from the home page.
error-413-title = What you sent is too long
error-413-text-1 = Go back and make it shorter. If you have a lot to say, send the most important part first. You can add more later with your receipt code.
error-429-title = You have tried too many times
error-429-text-1 = Please wait a few minutes, then try again. This stops other people guessing codes or sending lots of reports.
error-503-title = Sorry, the site is busy
error-503-text-1 = Please try again in a few minutes. If you were sending a report, it has not been sent yet, so send it again.
error-500-title = Sorry, something went wrong
error-500-text-1 = Something went wrong on our side. It is not your fault.
error-500-text-2 = If you were sending a report, please try again in a few minutes.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Worried about something? Tell us safely.
poster-heading-1 = Worried about something?
poster-heading-2 = Tell us safely.
poster-intro = You can report bullying, knives, gangs, online abuse or anything that worries you, from school, home or anywhere. You do not have to give your name.
poster-intro-1 = Report bullying, knives, gangs, online abuse or anything that worries you,
poster-intro-2 = from school, home or anywhere. You do not have to give your name.
poster-qr-label = QR code for the address below
poster-hours-heading = When reports are read
poster-hours = { $hours }. Reports are not watched all the time.
poster-hours-line = Reports are read: { $hours }
poster-danger = In danger now? Call 999. To talk to someone now, call Childline free on 0800 1111, any time.
poster-danger-1 = In danger now? Call 999.
poster-danger-2 = To talk to someone now, call Childline free on 0800 1111.
