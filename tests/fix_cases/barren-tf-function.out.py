def config():
    return {"lr": 0.1}


config()
