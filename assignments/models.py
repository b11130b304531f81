# The assignments models arrive with their issue; the app is registered so later work only adds to it.
