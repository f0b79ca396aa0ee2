from bulkio.cli.main import main

main()
