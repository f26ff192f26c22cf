import sys

from .matrice import main

sys.exit(main())
