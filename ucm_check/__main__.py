from ucm_check.cli import main

raise SystemExit(main())
