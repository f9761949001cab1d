extensions = ["mlnews"]
language = "ja"
