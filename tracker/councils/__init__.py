"""Service operators' pages: the councils on the installation and their accounts, never their plans."""
