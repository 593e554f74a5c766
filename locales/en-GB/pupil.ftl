### Confide pupil pages — English (UK), the source of every key
## review: source

site-name = Confide
