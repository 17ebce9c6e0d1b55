from archive.cli import main

main()
