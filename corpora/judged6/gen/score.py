"""Score a narrcheck JSON run against judged6's KEY (key_a.json + key_b.json beside this script).
usage: python gen/score.py RUN.json [--verbose]
The scorer is judged5's (corpora/judged5/gen/score.py: same matching rules), reading this directory's keys."""
import os, runpy
HERE = os.path.dirname(os.path.abspath(__file__))
os.environ['SCORE_KEY_DIR'] = HERE
runpy.run_path(os.path.join(HERE, '..', '..', 'judged5', 'gen', 'score.py'), run_name='__main__')
