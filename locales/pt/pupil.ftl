### Confide pupil pages — Portuguese
## review: machine-assisted, not yet checked by a fluent speaker
#
# Translated from locales/en-GB/pupil.ftl (the source of every key). European Portuguese
# where the two differ, with "tu" for the pupil. Keep 999, 0800 1111, service names and
# every { $value } exactly as they are. Plural forms: one, other.

## The layout of every page

page-title = { $title } – Confide
skip-link = Saltar para o conteúdo principal
banner-label = Ajuda de emergência
banner-text = Em perigo agora? Liga { $emergency }. Childline { $childline }
service-label = Informação sobre o serviço
service-name = Pedir ajuda e contar algo
menu = Menu
nav-advice = Conselhos e vídeos
nav-report = Contar algo
nav-followup = Ver se há resposta
nav-safety = Usar este site em segurança
exit-hidden = Emergência
exit-button = Sair desta página
exit-activated = A carregar.
exit-timed-out = O botão Sair desta página expirou.
exit-press-two = Shift: carrega mais 2 vezes para sair.
exit-press-one = Shift: carrega mais 1 vez para sair.
footer-heading = Ligações de apoio
footer-privacy = Este site não usa cookies para os alunos, não te segue e não regista o teu endereço de internet.
language-menu = Idiomas
offer-language = Esta página também está em português.
not-translated = Esta página ainda não está em português, por isso está em inglês.
go-home = Ir para a página inicial
warning = Aviso
success = Feito
inset-danger = Se estás em perigo agora, liga { $emergency }.
inset-childline = Para falares com alguém agora, liga de graça para a Childline pelo { $childline }, a qualquer hora, de dia ou de noite. A chamada não aparece na conta do telefone.

## The home page, a school's page and finding a school

home-heading = Estás preocupado com alguma coisa? Podes contar-nos.
no-name-needed = Não tens de dizer o teu nome.
home-what = Conta à tua escola qualquer coisa que te preocupe. Podes falar-nos de bullying, de alguém que te magoa ou assusta, de armas, gangues, drogas, de algo que acontece em casa ou online, ou de outra coisa qualquer. Pode ser sobre ti ou sobre outra pessoa.
school-tell = Conta à tua escola, { $school }, qualquer coisa que te preocupe.
school-hours = Os funcionários leem os relatos: { $hours }.
school-outside-hours = Fora desse horário, pode ser que ninguém veja logo o teu relato. Por isso, se precisas de ajuda agora, usa os números abaixo.
find-school = Encontra a tua escola
find-school-report = Em que escola andas?
find-school-intro = A página da tua escola tem conselhos, vídeos e uma maneira de contares aos funcionários que protegem os alunos dessa escola.
find-school-report-intro = O teu relato vai para os funcionários que protegem os alunos na tua escola.
search-school = Procura a tua escola
search-hint = Escreve algumas letras do nome.
search-button = Procurar
no-school-matches = Nenhuma escola corresponde a «{ $typed }». Vê se está bem escrito, ou experimenta com menos letras.
no-schools-yet = Ainda nenhuma escola usa este site.
schools-match-none = Nenhuma escola corresponde. Vê se está bem escrito, ou experimenta com menos letras.
schools-match = { $count ->
    [one] { $count } escola corresponde.
   *[other] { $count } escolas correspondem.
}
school-not-here = Se a tua escola não está aqui, podes contar à { $fearless } sobre um crime sem dizer o teu nome, ou ligar para a Childline pelo { $childline }.

## Topic pages and other long pages

video-cannot-play = O teu navegador não consegue mostrar este vídeo. Podes ler abaixo o que ele diz, ou { $link }.
video-download = descarregar o vídeo
transcript-heading = O que diz o vídeo (transcrição)
tell-someone = Conta a alguém
topic-tell = Se isto está a acontecer contigo ou com alguém que conheces, podes contar aqui à tua escola. Não tens de dizer o teu nome.
topic-tell-school = Se isto está a acontecer contigo ou com alguém que conheces, podes contar aqui à escola { $school }. Não tens de dizer o teu nome.
helplines-heading = Quem mais pode ajudar
helpline-phone = Telefone: { $phone }
helpline-website = Site de { $name }
opens-another-site = (abre outro site)
listen = Ouvir
listen-stop = Parar

## The report form

error-title = Erro: { $title }
error-summary-title = Há um problema
error-prefix = Erro:
report-heading = Conta-nos o que está a acontecer
report-intro = Demora cerca de 3 minutos. Não tens de dizer o teu nome.
report-goes-to = O teu relato vai só para os funcionários que protegem os alunos na escola { $school } e para o agente de polícia da escola. Eles leem os relatos: { $hours }.
category-legend = Que tipo de coisa está a acontecer?
category-hint = Escolhe a que fica melhor.
category-bullying = Bullying
category-online-bullying = Bullying online ou partilha de imagens
category-nude-image = Alguém tem ou está a partilhar uma foto ou vídeo meu nu ou sexual
category-sextortion = Alguém está a ameaçar partilhá-lo ou a pedir-me dinheiro
category-weapons = Facas ou outras armas
category-gangs = Gangues
category-drugs-alcohol = Drogas ou álcool
category-hurt-threatened = Ser magoado ou ameaçado
category-home = Alguma coisa em casa
category-sexual = Assédio ou abuso sexual
category-hate = Ódio ou racismo
category-extremism = Ideias extremas ou extremismo
category-theft-damage = Roubo ou estragos
category-other = Outra coisa
location-legend = Onde aconteceu?
location-classroom = Numa sala de aula
location-corridor = Num corredor ou nas escadas
location-toilets = Nas casas de banho
location-playground = No recreio ou no campo
location-canteen = Na cantina
location-journey = No caminho de ida ou volta da escola
location-transport = Num autocarro, comboio ou outro transporte
location-online = Online ou num telemóvel
location-near-school = Perto da escola
location-home = Em casa
location-elsewhere = Noutro sítio
happening-now-legend = Está a acontecer agora, ou estás em perigo?
answer-yes = Sim
answer-no = Não
about-legend = Isto é sobre um adulto que trabalha na tua escola?
about-hint = Por exemplo, um professor, um auxiliar, um treinador ou alguém da secretaria. Se for, o teu relato vai para outras pessoas.
about-no = Não
about-staff = Sim, um adulto que trabalha na escola
about-head = Sim, o diretor ou a diretora da escola
what-label = O que aconteceu?
what-hint = Diz por palavras tuas. Escreve tudo o que achas que é importante.
when-label = Quando aconteceu? (opcional)
when-hint = Por exemplo: ontem ao almoço, todas as segundas-feiras, desde setembro.
who-label = Quem estava envolvido? (opcional)
who-hint = Nomes, como são, ou em que ano andam, se souberes.
about-you-heading = Sobre ti (opcional)
about-you-optional = Não tens de nos dizer quem és.
about-you-why = Se disseres, os funcionários podem falar contigo e ajudar-te mais depressa.
name-label = O teu nome (opcional)
contact-label = Como te devemos contactar? (opcional)
contact-hint = Por exemplo: a tua turma, ou uma hora segura para falar.
send-report = Enviar relato

## A nude or sexual picture of you

nude-entry = Alguém está a partilhar uma foto tua nua, ou a ameaçar fazê-lo?
nude-never-send = Nunca envies a foto ou o vídeo a ninguém, nem sequer a nós.
nude-no-upload = Não precisamos de a ver, por isso não podes juntar imagens a esta denúncia. Conta-nos só por palavras o que está a acontecer.
nude-help-link = O que fazer agora se alguém partilhar uma foto tua nua, ou disser que o vai fazer
nude-next = Os funcionários não te vão pedir a foto. A culpa não é tua. Há coisas que podes fazer já, como pedir que a foto seja retirada da internet.
nude-tell = Podes contar à tua escola o que está a acontecer. Não tens de dar o teu nome e nunca precisas de enviar a foto.
pictures-not-kept = Escolheste uma imagem, mas não a guardámos. Nunca guardamos imagens neste tipo de denúncia, para que ninguém tenha de a ver. Não precisas de a enviar.
count-up-to = Podes escrever até { $max } caracteres
count-under = { $count ->
    [one] Resta-te { $count } carácter
   *[other] Restam-te { $count } caracteres
}
count-at-limit = Restam-te 0 caracteres
count-over = { $count ->
    [one] Tens { $count } carácter a mais
   *[other] Tens { $count } caracteres a mais
}

## Pictures

pictures-label = Capturas de ecrã ou fotos (opcional)
pictures-hint = Até 5 imagens: PNG, JPEG ou WebP, cada uma com menos de 10 MB. Muitas vezes, o mais útil é uma captura de ecrã de uma mensagem ou de uma publicação.
pictures-privacy = Fazemos cada imagem outra vez, só com o que ela mostra. Tiramos o sítio onde a foto foi tirada e o telemóvel que a tirou.
pictures-held = { $count ->
    [one] Estamos a guardar a imagem que escolheste antes, e vamos enviá-la com o teu relato.
   *[other] Estamos a guardar as { $count } imagens que escolheste antes, e vamos enviá-las com o teu relato.
}
pictures-held-more = { $count ->
    [one] Não precisas de a escolher outra vez. Se escolheres imagens aqui, enviamos as novas em vez dela.
   *[other] Não precisas de as escolher outra vez. Se escolheres imagens aqui, enviamos as novas em vez delas.
}
pictures-chosen = { $count ->
    [one] Escolheste { $count } imagem:
   *[other] Escolheste { $count } imagens:
}
picture-preview = { $count ->
   *[other] Imagem { $count }
}

## The "in danger now" step

danger-heading = Se estás em perigo agora, liga 999
danger-call = Liga { $emergency } se alguém te está a magoar, ou se tu ou outra pessoa estão em perigo neste momento. É grátis de qualquer telefone, mesmo sem saldo.
danger-cannot-speak = Se não conseguires falar, liga 999, ouve as perguntas e depois tosse ou bate no telefone. Num telemóvel, carrega 55 quando te pedirem, e a polícia vai saber que é uma emergência.
danger-childline = Para falares com alguém agora, liga de graça para a Childline pelo { $childline }, a qualquer hora, de dia ou de noite.
danger-not-sent = O teu relato ainda não foi enviado. Na escola { $school }, os funcionários leem os relatos: { $hours }. Por isso, podem não o ver logo.
danger-pictures-held = { $count ->
    [one] A imagem que escolheste vai ser enviada com o teu relato. Guardamo-la durante 30 minutos enquanto decides.
   *[other] As { $count } imagens que escolheste vão ser enviadas com o teu relato. Guardamo-las durante 30 minutos enquanto decides.
}
danger-send = Enviar o meu relato agora
danger-go-back = Voltar atrás e mudar

## The receipt

sent-heading = O teu relato foi enviado
sent-thanks = Obrigado por nos contares.
receipt-heading = O teu código de recibo
receipt-label = Código de recibo: { $code }
receipt-write-down = Escreve este código num papel ou tira-lhe uma foto agora.
receipt-why = Precisas dele para leres as respostas e para acrescentares mais coisas ao teu relato. Quando saíres desta página, não o podemos mostrar outra vez. Ninguém o pode procurar por ti.
receipt-private = Guarda-o num sítio privado. Quem tiver o código pode ler o teu relato.
receipt-print = Imprimir ou guardar esta página
receipt-pictures-kept = { $count ->
    [one] Guardámos { $count } imagem com o teu relato. Tirámos o sítio onde a foto foi tirada e o telemóvel que a tirou.
   *[other] Guardámos { $count } imagens com o teu relato. Tirámos o sítio onde as fotos foram tiradas e o telemóvel que as tirou.
}
receipt-pictures-lost = { $count ->
    [one] A imagem que escolheste antes não foi enviada: só guardamos as imagens durante 30 minutos. Para a enviares, vai a { $link }, escreve o teu código e escolhe-a outra vez.
   *[other] As { $count } imagens que escolheste antes não foram enviadas: só guardamos as imagens durante 30 minutos. Para as enviares, vai a { $link }, escreve o teu código e escolhe-as outra vez.
}
next-heading = O que acontece a seguir
next-urgent = Disseste que isto está a acontecer agora, por isso o teu relato está marcado como urgente.
next-urgent-on-call = Disseste que isto está a acontecer agora. Estamos fora do horário da escola, mas alguém da escola { $school } está de serviço agora e já foi avisado.
next-urgent-nobody = Estamos fora do horário da escola e ninguém está de serviço. Ninguém vai ler isto até { $day ->
         [mon] segunda-feira
         [tue] terça-feira
         [wed] quarta-feira
         [thu] quinta-feira
         [fri] sexta-feira
         [sat] sábado
        *[sun] domingo
    } às { $time }.
next-urgent-call = Se estiveres em perigo, liga já para o { $phone }.
next-staff-read = Na escola { $school }, os funcionários leem os relatos: { $hours }.
next-staff-reply = Vão ler o que escreveste e decidir como ajudar. Podem responder-te aqui.
receipt-read-replies = Para leres uma resposta ou acrescentares mais, vai a { $link } e escreve o teu código.
already-sent-heading = O teu relato já tinha sido enviado
already-sent-text = Já temos o teu relato para a escola { $school }, por isso não o enviámos outra vez. O código de recibo apareceu quando o enviaste, e não o podemos mostrar outra vez.
already-sent-next = Se escreveste o código, vai a { $link } para leres as respostas e acrescentares mais. Se não escreveste, { $new } e diz que é sobre o mesmo assunto.
send-new-report = envia um novo relato

## Coming back with a receipt code

code-intro = Usa o código de recibo que recebeste quando enviaste o teu relato. Podes ler as respostas e acrescentar mais.
code-label = O teu código de recibo
code-hint = Tem 20 letras e números, como 7KQ3 9XMA 2HD4 PQ8R T6WZ. Os espaços e as maiúsculas não importam.
continue = Continuar
code-lost = Perdeste o código? Não o podemos encontrar por ti, porque ninguém consegue ver quem enviou um relato.
code-lost-new = Podes enviar um novo relato e dizer que é sobre o mesmo assunto.
code-expires = Quando um relato já foi tratado e fechado, é apagado passado algum tempo, e o código deixa de funcionar.
your-report = O teu relato
status-new = Os funcionários da escola { $school } têm o teu relato.
status-seen = Alguém da escola { $school } viu o teu relato em { $when }.
status-open = Os funcionários da escola { $school } estão a tratar do teu relato.
status-closed = Os funcionários da escola { $school } terminaram o trabalho sobre este relato.
closed-reopens = Os funcionários terminaram o trabalho sobre este relato. Se escreveres outra vez, ele volta a abrir e eles são avisados.
message-label = Acrescentar mais ou responder
message-hint = Só os funcionários que receberam o teu relato podem ler isto.
send = Enviar
message-sent = A tua mensagem foi enviada
messages-heading = Mensagens
no-replies = Ainda não há respostas. Os funcionários leem os relatos: { $hours }. Volta a ver mais tarde.
newest-first = A mensagem mais recente aparece primeiro.
from-you = Tu
from-staff = Funcionários da escola { $school }
told-heading = O que nos contaste
told-sent-to = Enviado para
told-sent-on = Enviado em
told-kind = Que tipo de coisa
told-where = Onde
told-when = Quando
told-who = Quem estava envolvido
told-name = O teu nome
told-contact = Como te contactar
told-pictures = { $count ->
    [one] Enviaste { $count } imagem. Só os funcionários que receberam o teu relato a podem ver.
   *[other] Enviaste { $count } imagens. Só os funcionários que receberam o teu relato as podem ver.
}
finish = Terminar e ir para a página inicial
talk-heading = Falar com alguém na escola
talk-intro = Se quiseres falar com alguém, carrega no botão. Os funcionários que receberam a tua denúncia vão saber que pediste. Não vão saber quem és, a não ser que dês o teu nome.
talk-button = Gostava de falar com alguém na escola
talk-done = Dissemos à escola que gostavas de falar com alguém
talk-asked = Pediste para falar com alguém na escola. Os funcionários que receberam a tua denúncia sabem disso. Podes juntar o teu nome em baixo para te poderem encontrar.
later-heading = Dar o teu nome
later-intro = Podes dizer-nos o teu nome e como te contactar a qualquer momento. Os funcionários que receberam a tua denúncia vão ver o teu nome.
later-kept = As denúncias com nome são guardadas durante mais tempo antes de serem apagadas.
later-name-label = O teu nome
later-contact-label = Como te contactar, se quiseres dizer
later-button = Juntar o meu nome à minha denúncia
later-done = O teu nome foi juntado à tua denúncia

## Messages about what was typed or chosen

msg-and-kept = { $problem }. Guardámos tudo o que escreveste.
msg-report-category-missing = Escolhe que tipo de coisa está a acontecer
msg-report-location-missing = Escolhe onde aconteceu
msg-report-happening-now-missing = Escolhe «Sim» se está a acontecer agora ou se estás em perigo
msg-report-about-missing = Escolhe se isto é sobre um adulto que trabalha na tua escola
msg-report-what-missing = Conta-nos o que aconteceu
msg-report-what-too-long = «O que aconteceu» tem de ter 5000 caracteres ou menos. Envia agora a parte mais importante: podes acrescentar mais depois com o teu código de recibo
msg-report-when-too-long = «Quando aconteceu» tem de ter 500 caracteres ou menos
msg-report-who-too-long = «Quem estava envolvido» tem de ter 2000 caracteres ou menos
msg-report-name-too-long = O teu nome tem de ter 200 caracteres ou menos
msg-report-contact-too-long = «Como te contactar» tem de ter 500 caracteres ou menos
msg-report-busy = Neste momento estão a ser enviados muitos relatos da tua escola ou da tua casa. Espera um minuto e depois carrega outra vez em «Enviar relato». Guardámos o que escreveste
msg-picture-heic = As fotos de um iPhone (HEIC) não podem ser enviadas aqui. Tira uma captura de ecrã da foto e escolhe antes a captura de ecrã
msg-picture-kind = Um ficheiro que escolheste não é uma imagem que possamos aceitar. Escolhe uma imagem PNG, JPEG ou WebP, ou uma captura de ecrã
msg-picture-mismatch = Um ficheiro que escolheste não é o tipo de imagem que o nome diz. Tira uma captura de ecrã dele e escolhe antes essa
msg-picture-too-large = Uma imagem que escolheste é grande demais para abrir. Tira uma captura de ecrã dela e escolhe antes essa
msg-picture-unreadable = Não conseguimos abrir uma imagem que escolheste. Tira uma captura de ecrã dela e escolhe antes essa
msg-picture-empty = Uma imagem que escolheste está vazia. Escolhe-a outra vez
msg-picture-too-big = Uma imagem que escolheste é grande demais. Cada imagem tem de ter menos de 10 MB. Tira uma captura de ecrã dela e escolhe antes essa
msg-picture-too-many = Podes enviar até 5 imagens de cada vez. Escolhe 5 ou menos, e envia as outras depois com o teu código de recibo
msg-picture-too-much = Todas as imagens juntas têm de ter menos de 25 MB. Escolhe menos, e envia as outras depois com o teu código de recibo
msg-picture-busy = Neste momento estão a ser enviadas muitas imagens da tua escola ou da tua casa. Espera um minuto, depois escolhe as tuas imagens e envia outra vez
msg-picture-not-kept = Não guardámos a tua imagem. Nunca guardamos imagens neste tipo de denúncia, para que ninguém tenha de a ver. Conta-nos antes por palavras
msg-followup-code-missing = Escreve o teu código de recibo
msg-followup-code-not-found = Não encontrámos nenhum relato com esse código. Verifica-o e tenta outra vez: tem 20 letras e números
msg-followup-message-missing = Escreve a tua mensagem antes de a enviares
msg-followup-message-too-long = A tua mensagem tem de ter 5000 caracteres ou menos. Envia primeiro a parte mais importante
msg-followup-name-missing = Escreve o teu nome ou como te contactar

## Pages for when something goes wrong

error-404-title = Página não encontrada
error-404-text-1 = Não encontrámos essa página. O endereço pode estar errado, ou a página pode ter mudado de sítio.
error-400-title = Havia um problema no que foi enviado
error-400-text-1 = Não conseguimos perceber o que o teu navegador enviou. Volta atrás e tenta outra vez.
error-403-title = Esta página expirou
error-403-text-1 = Para tua segurança, os formulários deixam de funcionar passado algum tempo. Volta atrás, recarrega a página e tenta outra vez.
error-405-title = Isso não funcionou
error-405-text-1 = Volta atrás e tenta outra vez, ou começa na página inicial.
error-413-title = O que enviaste é demasiado longo
error-413-text-1 = Volta atrás e torna-o mais curto. Se tens muito para dizer, envia primeiro a parte mais importante. Podes acrescentar mais depois com o teu código de recibo.
error-429-title = Tentaste demasiadas vezes
error-429-text-1 = Espera alguns minutos e depois tenta outra vez. Isto impede outras pessoas de adivinharem códigos ou de enviarem muitos relatos.
error-503-title = Desculpa, o site está muito ocupado
error-503-text-1 = Tenta outra vez daqui a alguns minutos. Se estavas a enviar um relato, ele ainda não foi enviado, por isso envia-o outra vez.
error-500-title = Desculpa, alguma coisa correu mal
error-500-text-1 = Alguma coisa correu mal do nosso lado. Não é culpa tua.
error-500-text-2 = Se estavas a enviar um relato, tenta outra vez daqui a alguns minutos.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Preocupado com alguma coisa? Conta-nos em segurança.
poster-heading-1 = Preocupado com alguma coisa?
poster-heading-2 = Conta-nos em segurança.
poster-intro = Podes contar-nos sobre bullying, facas, gangues, abuso online ou qualquer coisa que te preocupe, da escola, de casa ou de qualquer sítio. Não tens de dizer o teu nome.
poster-intro-1 = Conta-nos sobre bullying, facas, gangues, abuso online ou o que te preocupa,
poster-intro-2 = da escola, de casa ou de qualquer sítio. Não tens de dizer o teu nome.
poster-qr-label = Código QR para o endereço abaixo
poster-hours-heading = Quando os relatos são lidos
poster-hours = { $hours }. Os relatos não são vistos a toda a hora.
poster-hours-line = Os relatos são lidos: { $hours }
poster-danger = Em perigo agora? Liga 999. Para falares com alguém agora, liga de graça para a Childline pelo 0800 1111, a qualquer hora.
poster-danger-1 = Em perigo agora? Liga 999.
poster-danger-2 = Para falares com alguém agora, liga de graça para a Childline: 0800 1111.
