from rokhdad.cli import main

main()
