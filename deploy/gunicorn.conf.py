# gunicorn settings the web unit (deploy/systemd/mrdinfo-web@.service) reads with
# --config deploy/gunicorn.conf.py (a path from the app's folder, its WorkingDirectory).
#
# The access log never holds a query string or a referrer: the MRD result reader answers from
# ?result=, and a child's result is personal data (so is a search term). %(U)s is the path
# without its query string. The log goes to journald (--access-logfile -), which keeps it for
# 30 days (deploy/journald/mrdinfo.conf), as the privacy notice says.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
