print("dashell")
